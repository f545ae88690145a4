import type { ApiCall, Context, Listener } from './context.js';
import { fullArtistObject, trackObject } from './objects.js';
import { pageOf, readPage } from './paging.js';
import { apiError } from './replies.js';
import type { TimeRange } from './types.js';
import { requireUser } from './users.js';

// A user's listening as the Web API shows it: top artists and tracks (/v1/me/top/{type}) and whether items are in
// their library (/v1/me/library/contains). Tests set the data with setListener (listenerSeed.ts).

export const TIME_RANGES: readonly TimeRange[] = ['short_term', 'medium_term', 'long_term'];
export const LIBRARY_CONTAINS_PATH = /^\/v1\/me\/library\/contains\/?$/;
const TOP_DEFAULT_LIMIT = 20;
const MAX_LIBRARY_URIS = 40;
const LIBRARY_URI = /^spotify:(track|album|episode|show|audiobook|artist|user|playlist):([^:\s]+)$/;
const BASE62_ID = /^[0-9A-Za-z]{22}$/;

/**
 * The scope each URI type needs. The spec names three scopes for the whole operation; they are the scopes of the
 * endpoints it replaced: saved items (/me/tracks/contains …) took user-library-read, followed artists and users
 * (/me/following/contains) user-follow-read, and playlists playlist-read-private.
 */
const LIBRARY_SCOPE: Record<string, string> = {
	track: 'user-library-read',
	album: 'user-library-read',
	episode: 'user-library-read',
	show: 'user-library-read',
	audiobook: 'user-library-read',
	artist: 'user-follow-read',
	user: 'user-follow-read',
	playlist: 'playlist-read-private',
};

export function emptyListener(): Listener {
	const perRange = () => ({ short_term: [], medium_term: [], long_term: [] });
	return { topArtistIds: perRange(), topTrackIds: perRange(), saved: new Set() };
}

export function handleTopArtists(call: ApiCall): void {
	const { ctx } = call;
	sendTop(call, 'artists', (listener, range) => {
		const artists = listener.topArtistIds[range].flatMap((id) => ctx.catalog.findArtist(id) ?? []);
		return artists.map((artist) => fullArtistObject(ctx.url, artist));
	});
}

export function handleTopTracks(call: ApiCall): void {
	const { ctx } = call;
	sendTop(call, 'tracks', (listener, range) => {
		const tracks = listener.topTrackIds[range].flatMap((id) => ctx.catalog.findTrack(id) ?? []);
		return tracks.map((track) => trackObject(ctx.url, track));
	});
}

// time_range has no enum in the spec, only a list of valid values in its description: Spotify refuses others.
function sendTop(call: ApiCall, type: string, items: (listener: Listener, range: TimeRange) => object[]): void {
	const { ctx, res, query } = call;
	const user = requireUser(call, ['user-top-read']);
	if (!user) return;
	const range = TIME_RANGES.find((candidate) => candidate === (query.time_range ?? 'medium_term'));
	if (!range) return apiError(res, 400, 'Invalid time range');
	const page = readPage(query, TOP_DEFAULT_LIMIT);
	if (typeof page === 'string') return apiError(res, 400, page);
	const all = items(ctx.listeners.get(user.id) ?? emptyListener(), range);
	const link = { url: `${ctx.url}/v1/me/top/${type}`, keep: { time_range: query.time_range } };
	res.json(pageOf(all, page, link, (item) => item));
}

/** GET /v1/me/library/contains: one boolean per URI, in order; a playlist counts when the user owns or follows it. */
export function handleLibraryContains(call: ApiCall): void {
	const { ctx, res, query } = call;
	const user = requireUser(call);
	if (!user) return;
	const uris = (query.uris ?? '').split(',').map((uri) => uri.trim());
	if (uris.length === 1 && uris[0] === '') return apiError(res, 400, 'Missing parameter uris');
	if (uris.length > MAX_LIBRARY_URIS)
		return apiError(res, 400, `Too many URIs requested (maximum ${MAX_LIBRARY_URIS})`);
	const types: string[] = [];
	for (const uri of uris) {
		const match = LIBRARY_URI.exec(uri);
		const [type = '', id = ''] = match?.slice(1) ?? [];
		if (!match || (type !== 'user' && !BASE62_ID.test(id))) return apiError(res, 400, `Invalid uri: ${uri}`);
		types.push(type);
	}
	for (const type of new Set(types)) if (!requireUser(call, [LIBRARY_SCOPE[type] ?? ''])) return;
	res.json(uris.map((uri) => inLibrary(ctx, user.id, uri)));
}

function inLibrary(ctx: Context, userId: string, uri: string): boolean {
	if (ctx.listeners.get(userId)?.saved.has(uri)) return true;
	const playlist = uri.startsWith('spotify:playlist:')
		? ctx.playlists.get(uri.slice('spotify:playlist:'.length))
		: null;
	return !!playlist && (playlist.ownerId === userId || playlist.followerIds.includes(userId));
}
