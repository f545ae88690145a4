import { DEFAULT_TASTE_SHARE, type BotConfig } from '../config.js';
import type { SpotifyLinks } from '../services/linking/linkedAccounts.js';
import type { GenerateDeps } from '../services/pipeline/generatePlaylist.js';
import { createListenerRecords } from '../services/personal/listenerRecords.js';
import type { AddRecord } from '../services/personal/personalDeps.js';
import { createPersonalPlaylists, type PersonalPlaylists } from '../services/personal/personalPlaylists.js';
import { createListenerClient } from '../services/spotify/listenerClient.js';
import { createPlaylistReader } from '../services/spotify/playlistReader.js';
import { DEFAULT_SPOTIFY_POLICY } from '../services/spotify/spotifyRequest.js';
import type { SpotifyUserClient } from '../services/spotify/userClient.js';
import type { Store } from '../services/store/createStore.js';
import { createUserIndex } from '../services/store/userIndex.js';
import type { PartOptions } from './pipelineServices.js';
import { draftTtlMs } from './userServices.js';

export interface PersonalServices {
	personal: PersonalPlaylists;
}

/**
 * Personal playlists (from my taste, new to me, extend my playlist). The store holds, per Discord user,
 * `listener-top`, `listener-playlists` and `taste-playlist`, and Add records with the save records (`spotify-save`).
 */
export function createPersonalServices(
	config: Pick<BotConfig, 'spotify' | 'cacheTtlSeconds' | 'tasteShare' | 'draftTtlDays'>,
	store: Store,
	parts: PartOptions & { links: SpotifyLinks; userClient: SpotifyUserClient; generation: GenerateDeps },
): PersonalServices {
	const { logger } = parts;
	const api = {
		apiUrl: config.spotify.apiUrl,
		policy: parts.spotifyPolicy ?? DEFAULT_SPOTIFY_POLICY,
		logger: logger.child({ module: 'spotify-listener' }),
	};
	const personal = createPersonalPlaylists({
		links: parts.links,
		listener: createListenerClient(api),
		reader: createPlaylistReader(api),
		client: parts.userClient,
		generation: parts.generation,
		records: createListenerRecords(store),
		adds: store.collection<AddRecord>('spotify-save'),
		claims: store,
		index: createUserIndex(store),
		logger: logger.child({ module: 'personal' }),
		share: config.tasteShare ?? DEFAULT_TASTE_SHARE,
		cacheTtlMs: config.cacheTtlSeconds * 1000,
		recordTtlMs: draftTtlMs(config),
	});
	return { personal };
}
