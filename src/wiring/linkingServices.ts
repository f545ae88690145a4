import type { BotConfig } from '../config.js';
import { createHeldLinks } from '../services/linking/heldLinks.js';
import { createSpotifyLinks, type SpotifyLinks } from '../services/linking/linkedAccounts.js';
import { createLinking, type Linking } from '../services/linking/linkFlow.js';
import { createOAuthStates, type StoredState } from '../services/linking/oauthStates.js';
import { createPlaylistSaver, type PlaylistSaver, type StoredSave } from '../services/saving/playlistSaver.js';
import { DEFAULT_SPOTIFY_POLICY } from '../services/spotify/spotifyRequest.js';
import { createSpotifyUserClient, type SpotifyUserClient } from '../services/spotify/userClient.js';
import type { Store } from '../services/store/createStore.js';
import { createUserIndex } from '../services/store/userIndex.js';
import type { PartOptions } from './pipelineServices.js';
import { draftTtlMs } from './userServices.js';

export interface LinkingServices {
	linking: Linking;
	saver: PlaylistSaver;
	/** The stored links and the user-token client, for the personal features. */
	links: SpotifyLinks;
	userClient: SpotifyUserClient;
}

/**
 * Linking and saving. The store holds the collections `spotify-link` (sealed), `oauth-state` and `spotify-save`,
 * and the claims `save:<draftId>:<userId>` so a save happens once across processes.
 */
export function createLinkingServices(
	config: Pick<BotConfig, 'spotify' | 'tokenEncryptionKey' | 'tokenEncryptionKeysOld' | 'draftTtlDays'>,
	store: Store,
	options: PartOptions,
): LinkingServices {
	const { logger, now } = options;
	const { spotify } = config;
	const keys = { current: config.tokenEncryptionKey, old: config.tokenEncryptionKeysOld ?? [] };
	const client = createSpotifyUserClient({
		urls: spotify,
		clientId: spotify.clientId,
		clientSecret: spotify.clientSecret,
		redirectUri: spotify.redirectUri,
		policy: options.spotifyPolicy ?? DEFAULT_SPOTIFY_POLICY,
		logger: logger.child({ module: 'spotify-user' }),
	});
	const links = createSpotifyLinks({
		collection: store.collection<string>('spotify-link'),
		keys,
		claims: store,
		client,
		logger: logger.child({ module: 'spotify-links' }),
		now,
	});
	const linking = createLinking({
		clientId: spotify.clientId,
		accountsUrl: spotify.accountsUrl,
		redirectUri: spotify.redirectUri,
		states: createOAuthStates({ collection: store.collection<StoredState>('oauth-state'), claims: store, now }),
		links,
		held: createHeldLinks({ collection: store.collection<string>('held-link'), keys, claims: store, now }),
		client,
		logger: logger.child({ module: 'linking' }),
	});
	const saver = createPlaylistSaver({
		links,
		client,
		records: store.collection<StoredSave>('spotify-save'),
		claims: store,
		logger: logger.child({ module: 'save-playlist' }),
		recordTtlMs: draftTtlMs(config),
		index: createUserIndex(store),
	});
	return { linking, saver, links, userClient: client };
}
