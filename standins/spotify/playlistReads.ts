import type { ApiCall } from './context.js';
import { simplifiedPlaylistObject, trackObject } from './objects.js';
import { pageOf, readPage } from './paging.js';
import { canEdit } from './playlists.js';
import { apiError } from './replies.js';
import type { StandinPlaylist } from './types.js';
import { requireUser } from './users.js';

// Playlist reads: the caller's playlists (/v1/me/playlists) and a playlist's items, each with the scopes and the
// owner/collaborator rule Spotify applies.

const DEFAULT_PAGE_LIMIT = 20;

/**
 * GET /v1/me/playlists: the playlists the caller owns or follows, newest first. As Spotify's scopes guide says, a
 * token without playlist-read-private gets no private playlists, and one without playlist-read-collaborative gets no
 * collaborative ones ("include collaborative playlists"); public ones need no scope.
 */
export function handleListMyPlaylists(call: ApiCall): void {
	const { ctx, res, query } = call;
	const user = requireUser(call);
	if (!user) return;
	const page = readPage(query, DEFAULT_PAGE_LIMIT);
	if (typeof page === 'string') return apiError(res, 400, page);
	const visible = [...ctx.playlists.values()]
		.filter((playlist) => playlist.ownerId === user.id || playlist.followerIds.includes(user.id))
		.filter((playlist) => hasScope(call, listScope(playlist)))
		.reverse();
	const url = `${ctx.url}/v1/me/playlists`;
	res.json(pageOf(visible, page, { url }, (playlist) => simplifiedPlaylistObject(ctx, playlist)));
}

/**
 * GET /v1/playlists/{id}/items: a paging object of playlist-track objects. The spec allows it only to the owner and
 * collaborators (403 to anyone else, public playlist or not) and asks for playlist-read-private on private ones.
 * `fields` keeps only the named top-level fields (e.g. `total`); nested field filters are not emulated.
 */
export function handleGetItems(call: ApiCall): void {
	const { ctx, res, params, query } = call;
	const user = requireUser(call);
	if (!user) return;
	const playlist = ctx.playlists.get(params.playlist_id ?? '');
	if (!playlist) return apiError(res, 404, 'Resource not found');
	if (!canEdit(playlist, user.id)) return apiError(res, 403, 'Forbidden');
	if (!playlist.public && !hasScope(call, 'playlist-read-private'))
		return apiError(res, 403, 'Insufficient client scope');
	const page = readPage(query, DEFAULT_PAGE_LIMIT);
	if (typeof page === 'string') return apiError(res, 400, page);
	const url = `${ctx.url}/v1/playlists/${playlist.id}/items`;
	const body = pageOf(playlist.uris, page, { url }, (uri) => {
		const track = ctx.catalog.findTrack(uri.split(':')[2] ?? '');
		const object = track ? trackObject(ctx.url, track) : null;
		return { added_at: new Date(0).toISOString(), is_local: false, item: object, track: object };
	});
	const fields = query.fields?.split(',').map((field) => field.trim());
	res.json(fields ? Object.fromEntries(Object.entries(body).filter(([name]) => fields.includes(name))) : body);
}

function listScope(playlist: StandinPlaylist): string | null {
	if (playlist.collaborative) return 'playlist-read-collaborative';
	return playlist.public ? null : 'playlist-read-private';
}

function hasScope({ ctx, grant }: ApiCall, scope: string | null): boolean {
	return scope === null || !ctx.enforceScopes || grant.scope.split(' ').includes(scope);
}
