/**
 * Spotify account linking and saving, wired for the bot:
 *
 *   createLinkingServices({ config, store, logger, policy?, now? }) → { linking, saver }
 *
 * - `config`: the BotConfig (reads `spotify.{clientId,clientSecret,apiUrl,accountsUrl,redirectUri}` and
 *   `tokenEncryptionKey`).
 * - `store`: the shared Store; uses the collections `spotify-link` (sealed), `oauth-state` and `spotify-save`, and
 *   the claims `save:<draftId>:<userId>` so a save happens once across processes.
 * - `policy`: timeouts and retries of Spotify calls (default DEFAULT_SPOTIFY_POLICY).
 * - `now`: the clock, for tests.
 */
import type { BotConfig } from '../config.js';
import type { Logger } from '../log.js';
import { createLinking, type Linking } from './linking.js';
import { createOAuthStates, type StoredState } from './oauthStates.js';
import { createPlaylistSaver, type PlaylistSaver, type StoredSave } from './savePlaylist.js';
import { createSpotifyLinks } from './spotifyLinks.js';
import { DEFAULT_SPOTIFY_POLICY, type SpotifyRequestPolicy } from './spotifyRequest.js';
import { createSpotifyUserClient } from './spotifyUser.js';
import type { Store } from './store.js';

export interface LinkingServicesOptions {
	config: Pick<BotConfig, 'spotify' | 'tokenEncryptionKey'>;
	store: Store;
	logger: Logger;
	policy?: SpotifyRequestPolicy;
	now?: () => number;
}

export interface LinkingServices {
	linking: Linking;
	saver: PlaylistSaver;
}

export function createLinkingServices(options: LinkingServicesOptions): LinkingServices {
	const { config, store, logger, now } = options;
	const { spotify } = config;
	const client = createSpotifyUserClient({
		urls: spotify,
		clientId: spotify.clientId,
		clientSecret: spotify.clientSecret,
		redirectUri: spotify.redirectUri,
		policy: options.policy ?? DEFAULT_SPOTIFY_POLICY,
		logger: logger.child({ module: 'spotify-user' }),
	});
	const links = createSpotifyLinks({
		collection: store.collection<string>('spotify-link'),
		encryptionKey: config.tokenEncryptionKey,
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
		client,
		logger: logger.child({ module: 'linking' }),
	});
	const saver = createPlaylistSaver({
		links,
		client,
		records: store.collection<StoredSave>('spotify-save'),
		claims: store,
		logger: logger.child({ module: 'save-playlist' }),
	});
	return { linking, saver };
}
