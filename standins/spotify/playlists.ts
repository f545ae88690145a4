import { base62Id } from '../catalog.js';
import type { ApiCall, Context } from './context.js';
import { playlistObject, trackObject } from './objects.js';
import { apiError } from './replies.js';
import type { StandinPlaylist } from './types.js';
import { requireUser } from './users.js';

// Playlists: create one, add tracks to it, page through its items and list the user's playlists, with Spotify's
// checks on scopes, ownership, URIs, batch size and position. Playlists stay in the context for tests to inspect.

const MAX_ITEMS_PER_ADD = 100;
const TRACK_URI = /^spotify:(track|episode):([0-9A-Za-z]{22})$/;
/** Spotify asks for the scope of the playlist's visibility: public ones need -public, private ones -private. */
const modifyScope = (isPublic: boolean) => [isPublic ? 'playlist-modify-public' : 'playlist-modify-private'];
const DEFAULT_PAGE_LIMIT = 20;
const PLAYLISTS_PAGE_MAX = 50;

export function handleCreatePlaylist(call: ApiCall): void {
	const { ctx, req, res } = call;
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	const user = requireUser(call, modifyScope(body.public !== false));
	if (!user) return;
	if (typeof body.name !== 'string' || body.name.trim() === '')
		return apiError(res, 400, 'Missing required field: name');
	const id = base62Id(ctx.idRng);
	const playlist: StandinPlaylist = {
		id,
		ownerId: user.id,
		name: body.name,
		description: typeof body.description === 'string' && body.description !== '' ? body.description : null,
		public: body.public !== false,
		collaborative: body.collaborative === true,
		uris: [],
		snapshotId: snapshotId(ctx),
	};
	ctx.playlists.set(id, playlist);
	res.status(201).json(playlistObject(ctx, playlist));
}

export function handleAddItems(call: ApiCall): void {
	const { ctx, res, params } = call;
	const playlist = ctx.playlists.get(params.playlist_id ?? '');
	const user = requireUser(call, modifyScope(playlist?.public ?? false));
	if (!user) return;
	if (!playlist) return apiError(res, 404, 'Resource not found');
	if (playlist.ownerId !== user.id) return apiError(res, 403, "You cannot add tracks to a playlist you don't own.");
	const input = readItemsInput(call);
	if (typeof input === 'string') return apiError(res, 400, input);
	const problem = checkUris(ctx, input.uris);
	if (problem !== null) return apiError(res, 400, problem);
	const position = input.position ?? playlist.uris.length;
	if (position < 0 || position > playlist.uris.length) return apiError(res, 400, 'Index out of bounds');
	playlist.uris.splice(position, 0, ...input.uris);
	playlist.snapshotId = snapshotId(ctx);
	res.status(201).json({ snapshot_id: playlist.snapshotId });
}

/** A paging object of playlist-track objects; `fields` keeps only the named top-level fields (e.g. `total`). */
export function handleGetItems(call: ApiCall): void {
	const { ctx, res, params, query } = call;
	const user = requireUser(call);
	if (!user) return;
	const playlist = ctx.playlists.get(params.playlist_id ?? '');
	if (!playlist) return apiError(res, 404, 'Resource not found');
	if (playlist.ownerId !== user.id) return apiError(res, 403, 'Forbidden');
	if (!canRead(call, playlist)) return apiError(res, 403, 'Insufficient client scope');
	const limit = query.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	const total = playlist.uris.length;
	const page = (at: number) => `${ctx.url}/v1/playlists/${playlist.id}/items?offset=${at}&limit=${limit}`;
	const items = playlist.uris.slice(offset, offset + limit).map((uri) => {
		const track = ctx.catalog.findTrack(uri.split(':')[2] ?? '');
		const object = track ? trackObject(ctx.url, track) : null;
		return { added_at: new Date(0).toISOString(), is_local: false, item: object, track: object };
	});
	const body: Record<string, unknown> = {
		href: page(offset),
		items,
		limit,
		offset,
		total,
		next: offset + limit < total ? page(offset + limit) : null,
		previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
	};
	const fields = query.fields?.split(',').map((field) => field.trim());
	res.json(fields ? Object.fromEntries(Object.entries(body).filter(([name]) => fields.includes(name))) : body);
}

/** GET /v1/me/playlists: the caller's playlists, newest first; private ones only with playlist-read-private. */
export function handleListMyPlaylists(call: ApiCall): void {
	const { ctx, res, query } = call;
	const user = requireUser(call);
	if (!user) return;
	const limit = query.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(limit) || limit < 1 || limit > PLAYLISTS_PAGE_MAX) return apiError(res, 400, 'Invalid limit');
	const visible = [...ctx.playlists.values()]
		.filter((playlist) => playlist.ownerId === user.id && canRead(call, playlist))
		.reverse();
	const page = (at: number) => `${ctx.url}/v1/me/playlists?offset=${at}&limit=${limit}`;
	res.json({
		href: page(offset),
		items: visible.slice(offset, offset + limit).map((playlist) => playlistObject(ctx, playlist)),
		limit,
		offset,
		total: visible.length,
		next: offset + limit < visible.length ? page(offset + limit) : null,
		previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
	});
}

/** Spotify shows a private playlist only to a token holding playlist-read-private. */
function canRead({ ctx, grant }: ApiCall, playlist: StandinPlaylist): boolean {
	return playlist.public || !ctx.enforceScopes || grant.scope.split(' ').includes('playlist-read-private');
}

// URIs in the query string win over the body, as the spec says.
function readItemsInput({ req, query }: ApiCall): { uris: string[]; position: number | undefined } | string {
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	const rawPosition = query.position ?? body.position;
	const position = rawPosition === undefined ? undefined : Number(rawPosition);
	if (position !== undefined && !Number.isInteger(position)) return 'Invalid position';
	if (query.uris !== undefined) return { uris: query.uris.split(',').map((uri) => uri.trim()), position };
	const uris = body.uris;
	if (!Array.isArray(uris) || !uris.every((uri): uri is string => typeof uri === 'string')) return 'Missing uris';
	return { uris, position };
}

function checkUris(ctx: Context, uris: string[]): string | null {
	if (uris.length === 0) return 'No uris provided';
	if (uris.length > MAX_ITEMS_PER_ADD) return `You can add a maximum of ${MAX_ITEMS_PER_ADD} tracks per request.`;
	for (const uri of uris) {
		const match = TRACK_URI.exec(uri);
		if (!match) return `Invalid track uri: ${uri}`;
		if (match[1] !== 'track' || !ctx.catalog.findTrack(match[2] ?? '')) return 'Payload contains a non-existing ID';
	}
	return null;
}

function snapshotId(ctx: Context): string {
	return `AAAA${base62Id(ctx.idRng, 28)}`;
}
