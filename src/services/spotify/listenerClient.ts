import { z } from 'zod';
import { LIBRARY_SCOPES, TASTE_SCOPES } from './scopes.js';
import { getWithUserToken, type UserApiOptions } from './userApi.js';

// What Spotify knows about a listener's taste: their top artists and tracks, and whether tracks are in their library.
// Plain data for searching and filtering; none of it is ever sent to the LLM.

/** Spotify's limit for /v1/me/top/{type}. */
export const TOP_ITEMS_MAX = 50;
/** Spotify's limit for /v1/me/library/contains. */
export const LIBRARY_URIS_MAX = 40;

const NAMED = z.object({ name: z.string() });
const TOP_ARTISTS_SCHEMA = z.object({ items: z.array(NAMED.nullable()) });
const TOP_TRACKS_SCHEMA = z.object({ items: z.array(z.object({ artists: z.array(NAMED) }).nullable()) });
const CONTAINS_SCHEMA = z.array(z.boolean());

export interface ListenerClient {
	/** Names of the user's top artists (medium term), most listened first. */
	topArtists(accessToken: string, limit: number): Promise<string[]>;
	/** The main artist of each of the user's top tracks (medium term), most listened first, repeats kept. */
	topTrackArtists(accessToken: string, limit: number): Promise<string[]>;
	/** Per URI (at most LIBRARY_URIS_MAX), whether it is in the user's library. */
	libraryContains(accessToken: string, uris: string[]): Promise<boolean[]>;
}

function topQuery(limit: number) {
	return { time_range: 'medium_term', limit: Math.max(1, Math.min(TOP_ITEMS_MAX, limit)) };
}

export function createListenerClient(options: UserApiOptions): ListenerClient {
	return {
		async topArtists(accessToken, limit) {
			const get = { label: 'top-artists', path: '/v1/me/top/artists', query: topQuery(limit), scopes: TASTE_SCOPES };
			const page = TOP_ARTISTS_SCHEMA.parse(await getWithUserToken(options, accessToken, get));
			return page.items.flatMap((artist) => (artist ? [artist.name] : []));
		},
		async topTrackArtists(accessToken, limit) {
			const get = { label: 'top-tracks', path: '/v1/me/top/tracks', query: topQuery(limit), scopes: TASTE_SCOPES };
			const page = TOP_TRACKS_SCHEMA.parse(await getWithUserToken(options, accessToken, get));
			return page.items.flatMap((track) => (track?.artists[0] ? [track.artists[0].name] : []));
		},
		async libraryContains(accessToken, uris) {
			if (uris.length > LIBRARY_URIS_MAX) throw new RangeError(`at most ${LIBRARY_URIS_MAX} URIs per library check`);
			if (uris.length === 0) return [];
			const query = { uris: uris.join(',') };
			const get = { label: 'library-contains', path: '/v1/me/library/contains', query, scopes: LIBRARY_SCOPES };
			const flags = CONTAINS_SCHEMA.parse(await getWithUserToken(options, accessToken, get));
			return uris.map((_, index) => flags[index] === true);
		},
	};
}
