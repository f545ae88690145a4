import { songKey } from '../pipeline/normalize.js';
import type { ExtendedPlaylist } from '../pipeline/personalization.js';
import type { PlaylistDraft } from '../pipeline/playlistTypes.js';
import { SPOTIFY_ITEMS_PER_REQUEST } from '../saving/playlistDetails.js';
import { EXTEND_SCOPES, isInsufficientScope, MissingScopeError } from '../spotify/scopes.js';
import type { Track } from '../spotify/track.js';
import { CLAIM_TTL_MS, claimOrWait, withClaim } from '../store/claimOrWait.js';
import type { PersonalDeps } from './personalDeps.js';
import { NotOwnPlaylistError } from './personalErrors.js';
import type { UserPlaylists } from './userPlaylists.js';

// Add to «playlist»: appends an extend preview's tracks to the user's playlist, once per (draft, user) across every
// process, as Save does (the claim `save:add:<draftId>:<userId>`, then a record). The playlist is read first and
// tracks already in it are skipped, so a retry after a crash between Spotify's answer and our record adds nothing.

export interface AddedTracks {
	playlist: ExtendedPlaylist;
	/** Tracks appended now; 0 when they were added before (or were all in the playlist already). */
	added: number;
	/** False when an earlier click already added them: nothing was done. */
	created: boolean;
}

const songOf = (track: Track) => songKey(track.name, track.artists[0] ?? '');

async function append(deps: PersonalDeps, userId: string, playlist: ExtendedPlaylist, uris: string[]) {
	for (let from = 0; from < uris.length; from += SPOTIFY_ITEMS_PER_REQUEST) {
		const chunk = uris.slice(from, from + SPOTIFY_ITEMS_PER_REQUEST);
		await deps.links.withUserToken(userId, (token) =>
			deps.client.addItems(token, playlist.playlistId, chunk).catch((error: unknown) => {
				// A public playlist needs playlist-modify-public, which links made before extending lack.
				const cause = error instanceof Error ? error.cause : undefined;
				if (isInsufficientScope(cause)) throw new MissingScopeError(EXTEND_SCOPES, { cause: error });
				throw error;
			}),
		);
	}
}

interface AddJob {
	userId: string;
	draft: PlaylistDraft;
}

async function addNow(deps: PersonalDeps, playlists: UserPlaylists, job: AddJob, playlist: ExtendedPlaylist) {
	const { userId, draft } = job;
	// Still theirs to extend (they may have relinked another account meanwhile).
	const mine = (await playlists.list(userId)).find((known) => known.id === playlist.playlistId);
	if (!mine?.editable) throw new NotOwnPlaylistError();
	const key = `add:${draft.id}:${userId}`;
	await deps.index.add(userId, 'save', key, deps.recordTtlMs);
	const present = await playlists.tracks(userId, playlist.playlistId);
	const there = new Set(present.flatMap((track) => [track.id, songOf(track)]));
	const uris = draft.tracks.filter((track) => !there.has(track.id) && !there.has(songOf(track))).map((t) => t.uri);
	await append(deps, userId, playlist, uris);
	await deps.adds.set(key, { playlistId: playlist.playlistId, added: uris.length }, deps.recordTtlMs);
	deps.logger.info({ discordUserId: userId, draftId: draft.id, added: uris.length }, 'tracks added to a playlist');
	return { playlist, added: uris.length, created: true };
}

export async function addToPlaylist(deps: PersonalDeps, playlists: UserPlaylists, job: AddJob): Promise<AddedTracks> {
	const playlist = job.draft.personal?.extend;
	if (!playlist) throw new Error(`draft ${job.draft.id} extends no playlist`);
	const key = `add:${job.draft.id}:${job.userId}`;
	const claim = { store: deps.claims, key: `save:${key}`, ttlMs: CLAIM_TTL_MS, logger: deps.logger };
	const outcome = await claimOrWait({ ...claim, find: () => deps.adds.get(key) });
	if (!outcome.claimed) return { playlist, added: 0, created: false };
	return withClaim(claim, () => addNow(deps, playlists, job, playlist));
}
