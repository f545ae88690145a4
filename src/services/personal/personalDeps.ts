import type { Logger } from '../../log.js';
import type { SpotifyLinks } from '../linking/linkedAccounts.js';
import type { GenerateDeps } from '../pipeline/generatePlaylist.js';
import type { ListenerClient } from '../spotify/listenerClient.js';
import type { PlaylistReader } from '../spotify/playlistReader.js';
import type { SpotifyUserClient } from '../spotify/userClient.js';
import type { Collection, Store } from '../store/createStore.js';
import type { UserIndex } from '../store/userIndex.js';
import type { ListenerRecords } from './listenerRecords.js';

/** What Add to «playlist» did: kept with the save records, so /unlink-spotify and Delete my data remove it. */
export interface AddRecord {
	playlistId: string;
	added: number;
}

/** What the personal features use, built once in the wiring. */
export interface PersonalDeps {
	links: Pick<SpotifyLinks, 'withUserToken' | 'getLink' | 'getScopes'>;
	listener: ListenerClient;
	reader: PlaylistReader;
	client: Pick<SpotifyUserClient, 'addItems'>;
	/** How a playlist is generated: the pipeline's parts, with its shared Spotify caches. */
	generation: GenerateDeps;
	records: ListenerRecords;
	adds: Collection<AddRecord>;
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	/** Where each Add record is noted under its user, as a save record. */
	index: UserIndex;
	logger: Logger;
	/** TASTE_SHARE: the part of a list the listener's own seeds get, at most. */
	share: number;
	/** CACHE_TTL_SECONDS, for taste playlists (per user). */
	cacheTtlMs: number;
	/** As long as the drafts live: Add records. */
	recordTtlMs: number;
}
