import { z } from 'zod';
import { EXTEND_SCOPES } from './scopes.js';
import { parseSpotifyTrack, type Track } from './track.js';
import { getWithUserToken, type UserApiOptions } from './userApi.js';

// A listener's playlists as "extend my playlist" reads them: the pages of /v1/me/playlists, and the items of one
// playlist (/v1/playlists/{id}/items, where Spotify renamed each item's `track` to `item`).

/** Spotify's largest page of /v1/me/playlists. */
export const MY_PLAYLISTS_PAGE = 50;
/** Spotify's largest page of /v1/playlists/{id}/items (the spec's QueryLimit; the removed /tracks allowed 100). */
export const ITEMS_PAGE = 50;

export interface UserPlaylist {
	id: string;
	name: string;
	url: string;
	ownerId: string;
	collaborative: boolean;
}

export interface Paged<T> {
	items: T[];
	total: number;
}

const COUNT = z.object({ total: z.number().int().nonnegative() });

const LISTED_SCHEMA = z.object({
	id: z.string().min(1),
	name: z.string(),
	owner: z.object({ id: z.string() }),
	collaborative: z.boolean().default(false),
	external_urls: z.object({ spotify: z.string().optional() }).default({}),
});

// A playlist or an item can come back null (removed since the page was built): skip it rather than fail the page.
const PLAYLISTS_PAGE_SCHEMA = COUNT.extend({ items: z.array(LISTED_SCHEMA.nullable()) });
const ITEMS_PAGE_SCHEMA = COUNT.extend({
	items: z.array(z.object({ item: z.unknown().optional(), track: z.unknown().optional() }).nullable()),
});

export interface PlaylistReader {
	/** One page of the user's playlists (owned and followed), newest first, from `offset`. */
	listMine(accessToken: string, offset: number): Promise<Paged<UserPlaylist>>;
	/** One page of a playlist's tracks from `offset` (episodes and local files are left out; `total` counts them). */
	items(accessToken: string, playlistId: string, offset: number): Promise<Paged<Track>>;
}

const playlistUrl = (playlist: z.infer<typeof LISTED_SCHEMA>) =>
	playlist.external_urls.spotify ?? `https://open.spotify.com/playlist/${encodeURIComponent(playlist.id)}`;

export function createPlaylistReader(options: UserApiOptions): PlaylistReader {
	return {
		async listMine(accessToken, offset) {
			const query = { limit: MY_PLAYLISTS_PAGE, offset };
			const get = { label: 'my-playlists', path: '/v1/me/playlists', query, scopes: EXTEND_SCOPES };
			const page = PLAYLISTS_PAGE_SCHEMA.parse(await getWithUserToken(options, accessToken, get));
			const items = page.items.flatMap((playlist): UserPlaylist[] =>
				playlist
					? [
							{
								id: playlist.id,
								name: playlist.name,
								url: playlistUrl(playlist),
								ownerId: playlist.owner.id,
								collaborative: playlist.collaborative,
							},
						]
					: [],
			);
			return { items, total: page.total };
		},
		async items(accessToken, playlistId, offset) {
			const path = `/v1/playlists/${encodeURIComponent(playlistId)}/items`;
			const get = { label: 'playlist-items', path, query: { limit: ITEMS_PAGE, offset }, scopes: EXTEND_SCOPES };
			const page = ITEMS_PAGE_SCHEMA.parse(await getWithUserToken(options, accessToken, get));
			const items = page.items.flatMap((entry) => {
				const track = entry ? parseSpotifyTrack(entry.item ?? entry.track) : null;
				return track ? [track] : [];
			});
			return { items, total: page.total };
		},
	};
}
