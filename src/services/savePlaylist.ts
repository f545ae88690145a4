import type { Logger } from '../log.js';
import { CLAIM_TTL_MS, claimOrWait, withClaim } from './claimOrWait.js';
import { SpotifyUserNotAllowedError } from './errors.js';
import { NotLinkedError } from './linkErrors.js';
import type { PlaylistDraft } from './playlist.js';
import type { SpotifyLinks } from './spotifyLinks.js';
import type { PlaylistDetails, SpotifyUserClient } from './spotifyUser.js';
import type { Collection, Store } from './store.js';

// Saving a draft to the user's Spotify account, once per (draft, user) across every process: the store's claim
// `save:<draftId>:<userId>` lets one process create it while the others wait for its record. Progress is recorded
// right after the playlist is created and after each chunk of items, so a retry after a crash finishes the same
// playlist. A retry first asks Spotify how many items the playlist holds, so a chunk Spotify added just before a
// crash (but after our last record) is not added twice. Left open: a crash between Spotify creating the playlist
// and our record of it.

/** What a save needs of a draft; a PlaylistDraft fits. */
export type SaveableDraft = Pick<PlaylistDraft, 'id' | 'name' | 'prompt'> & { tracks: readonly { uri: string }[] };

export interface SaveRecord {
	playlistId: string;
	url: string;
	/** The account it was saved to: after relinking to another account, a save makes a new copy. */
	spotifyUserId: string;
	addedChunks: number;
	totalChunks: number;
}

export interface SavedPlaylist {
	playlistUrl: string;
	playlistId: string;
	/** False when the playlist was already complete before this call, so nothing was done. */
	created: boolean;
}

export interface PlaylistSaverOptions {
	links: SpotifyLinks;
	client: SpotifyUserClient;
	records: Collection<SaveRecord>;
	/** Holds `save:<draftId>:<userId>` while one process saves. */
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	logger: Logger;
	recordTtlMs?: number;
}

export interface PlaylistSaver {
	/** Throws NotLinkedError (before any Spotify call), LinkExpiredError, SpotifyUserNotAllowedError, … */
	savePlaylist(input: { discordUserId: string; draft: SaveableDraft }): Promise<SavedPlaylist>;
}

export const SPOTIFY_ITEMS_PER_REQUEST = 100;
export const PLAYLIST_NAME_MAX = 100;
export const PLAYLIST_DESCRIPTION_MAX = 300;
const DEFAULT_RECORD_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** Cuts to `max` characters (code points, so no broken surrogate pairs), ending with an ellipsis. */
function truncate(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function buildPlaylistDetails(draft: SaveableDraft): PlaylistDetails {
	return {
		name: truncate(oneLine(draft.name) || 'promptlist playlist', PLAYLIST_NAME_MAX),
		description: truncate(oneLine(`Made by promptlist from: ${draft.prompt}`), PLAYLIST_DESCRIPTION_MAX),
		public: false,
	};
}

export function chunkUris(draft: SaveableDraft): string[][] {
	const uris = draft.tracks.map((track) => track.uri);
	const chunks: string[][] = [];
	for (let start = 0; start < uris.length; start += SPOTIFY_ITEMS_PER_REQUEST) {
		chunks.push(uris.slice(start, start + SPOTIFY_ITEMS_PER_REQUEST));
	}
	return chunks;
}

interface SaveJob {
	discordUserId: string;
	draft: SaveableDraft;
	/** The record's key: one per (draft, Discord user). */
	key: string;
}

interface SaverContext extends PlaylistSaverOptions {
	ttlMs: number;
}

async function startPlaylist(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SaveRecord> {
	const { discordUserId, draft } = job;
	const details = buildPlaylistDetails(draft);
	const created = await ctx.links.withUserToken(discordUserId, (token) => ctx.client.createPlaylist(token, details));
	const record: SaveRecord = { ...created, spotifyUserId, addedChunks: 0, totalChunks: chunkUris(draft).length };
	// Recorded before any item is added: from here on, a retry finishes this playlist.
	await ctx.records.set(job.key, record, ctx.ttlMs);
	ctx.logger.info({ discordUserId, draftId: draft.id, playlistId: created.playlistId }, 'spotify playlist created');
	return record;
}

const isComplete = (record: SaveRecord) => record.addedChunks >= record.totalChunks;

/** Adds the draft's URIs from `offset` on, 100 per request, recording progress after each; marks it complete. */
async function addItemsFrom(ctx: SaverContext, job: SaveJob, start: SaveRecord, offset: number): Promise<SaveRecord> {
	const uris = job.draft.tracks.map((track) => track.uri);
	const { playlistId } = start;
	let record = start;
	for (let from = offset; from < uris.length; from += SPOTIFY_ITEMS_PER_REQUEST) {
		const chunk = uris.slice(from, from + SPOTIFY_ITEMS_PER_REQUEST);
		await ctx.links.withUserToken(job.discordUserId, (token) => ctx.client.addItems(token, playlistId, chunk));
		record = { ...record, addedChunks: Math.ceil((from + chunk.length) / SPOTIFY_ITEMS_PER_REQUEST) };
		await ctx.records.set(job.key, record, ctx.ttlMs);
	}
	if (isComplete(record)) return record;
	// Spotify already held every item (the crash came after the last chunk, before its record).
	record = { ...record, addedChunks: record.totalChunks };
	await ctx.records.set(job.key, record, ctx.ttlMs);
	return record;
}

/**
 * Where a resumed save goes on: Spotify adds one request's items atomically and we add them in order, so the
 * playlist's item count says exactly how many of the draft's URIs are in — our record may lag one chunk behind.
 */
async function resumeOffset(ctx: SaverContext, job: SaveJob, record: SaveRecord): Promise<number> {
	if (isComplete(record)) return job.draft.tracks.length;
	const { playlistId } = record;
	try {
		return await ctx.links.withUserToken(job.discordUserId, (token) =>
			ctx.client.countPlaylistItems(token, playlistId),
		);
	} catch (error) {
		// Reading a private playlist may need playlist-read-private, which we don't ask for: then trust the record.
		if (!(error instanceof SpotifyUserNotAllowedError)) throw error;
		ctx.logger.warn({ playlistId }, 'cannot read the playlist to resume its save; going by the saved progress');
		return Math.min(job.draft.tracks.length, record.addedChunks * SPOTIFY_ITEMS_PER_REQUEST);
	}
}

/** The record of a save to this Spotify account that another call already finished. */
async function findComplete(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SaveRecord | undefined> {
	const record = await ctx.records.get(job.key);
	return record?.spotifyUserId === spotifyUserId && isComplete(record) ? record : undefined;
}

async function saveClaimed(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SavedPlaylist> {
	const previous = await ctx.records.get(job.key);
	const resumable = previous?.spotifyUserId === spotifyUserId ? previous : undefined;
	const started = resumable ?? (await startPlaylist(ctx, job, spotifyUserId));
	const offset = resumable ? await resumeOffset(ctx, job, resumable) : 0;
	const record = await addItemsFrom(ctx, job, started, offset);
	const bindings = { discordUserId: job.discordUserId, draftId: job.draft.id, playlistId: record.playlistId };
	ctx.logger.info(bindings, 'spotify playlist saved');
	return { playlistUrl: record.url, playlistId: record.playlistId, created: true };
}

async function save(ctx: SaverContext, job: SaveJob): Promise<SavedPlaylist> {
	const account = await ctx.links.getLink(job.discordUserId);
	if (!account) throw new NotLinkedError(job.discordUserId);
	const claim = { store: ctx.claims, key: `save:${job.key}`, ttlMs: CLAIM_TTL_MS, logger: ctx.logger };
	// Already complete, or completed by another process while this one waited: nothing to do.
	const outcome = await claimOrWait({ ...claim, find: () => findComplete(ctx, job, account.spotifyUserId) });
	if (!outcome.claimed) return { playlistUrl: outcome.found.url, playlistId: outcome.found.playlistId, created: false };
	return withClaim(claim, () => saveClaimed(ctx, job, account.spotifyUserId));
}

export function createPlaylistSaver(options: PlaylistSaverOptions): PlaylistSaver {
	const ctx: SaverContext = { ...options, ttlMs: options.recordTtlMs ?? DEFAULT_RECORD_TTL_MS };
	const inFlight = new Map<string, Promise<SavedPlaylist>>();
	return {
		savePlaylist: async ({ discordUserId, draft }) => {
			const key = `${draft.id}:${discordUserId}`;
			const running = inFlight.get(key);
			// A double click joins the save in progress; it created nothing itself.
			if (running) return { ...(await running), created: false };
			const pending = save(ctx, { discordUserId, draft, key }).finally(() => inFlight.delete(key));
			inFlight.set(key, pending);
			return pending;
		},
	};
}
