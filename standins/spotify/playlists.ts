import { base62Id } from '../catalog.js';
import type { ApiCall, Context } from './context.js';
import { playlistObject } from './objects.js';
import { apiError } from './replies.js';
import type { StandinPlaylist } from './types.js';
import { requireUser } from './users.js';

// Playlist writes: create one and add tracks to it, with Spotify's checks on scopes, ownership, URIs, batch size and
// position. Playlists stay in the context for tests to inspect; playlistReads.ts lists them and pages their items.

const MAX_ITEMS_PER_ADD = 100;
const TRACK_URI = /^spotify:(track|episode):([0-9A-Za-z]{22})$/;
/** Spotify asks for the scope of the playlist's visibility: public ones need -public, private ones -private. */
const modifyScope = (isPublic: boolean) => [isPublic ? 'playlist-modify-public' : 'playlist-modify-private'];

export function handleCreatePlaylist(call: ApiCall): void {
	const { ctx, req, res } = call;
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	const user = requireUser(call, modifyScope(body.public !== false));
	if (!user) return;
	if (typeof body.name !== 'string' || body.name.trim() === '')
		return apiError(res, 400, 'Missing required field: name');
	const playlist = addPlaylist(ctx, {
		ownerId: user.id,
		name: body.name,
		description: typeof body.description === 'string' && body.description !== '' ? body.description : null,
		public: body.public !== false,
		collaborative: body.collaborative === true,
		uris: [],
		followerIds: [],
	});
	res.status(201).json(playlistObject(ctx, playlist));
}

export function addPlaylist(ctx: Context, fields: Omit<StandinPlaylist, 'id' | 'snapshotId'>): StandinPlaylist {
	const playlist: StandinPlaylist = { id: base62Id(ctx.idRng), ...fields, snapshotId: snapshotId(ctx) };
	ctx.playlists.set(playlist.id, playlist);
	return playlist;
}

/** Spotify lets the owner edit a playlist, and on a collaborative one everyone who follows it. */
export function canEdit(playlist: StandinPlaylist, userId: string): boolean {
	return playlist.ownerId === userId || (playlist.collaborative && playlist.followerIds.includes(userId));
}

export function handleAddItems(call: ApiCall): void {
	const { ctx, res, params } = call;
	const playlist = ctx.playlists.get(params.playlist_id ?? '');
	const user = requireUser(call, modifyScope(playlist?.public ?? false));
	if (!user) return;
	if (!playlist) return apiError(res, 404, 'Resource not found');
	if (!canEdit(playlist, user.id)) return apiError(res, 403, "You cannot add tracks to a playlist you don't own.");
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
