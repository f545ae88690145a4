import type { Logger } from '../../log.js';
import { CLAIM_TTL_MS, claimOrWait, withClaim } from '../store/claimOrWait.js';
import { SpotifyUserNotAllowedError } from '../errors.js';
import { findUnrecordedPlaylist } from './findUnrecordedPlaylist.js';
import { NotLinkedError } from '../linking/linkErrors.js';
import { buildPlaylistDetails, chunkCount, SPOTIFY_ITEMS_PER_REQUEST, type SaveableDraft } from './playlistDetails.js';
import type { SpotifyLinks } from '../linking/linkedAccounts.js';
import type { CreatedPlaylist, SpotifyUserClient } from '../spotify/userClient.js';
import type { Collection, Store } from '../store/createStore.js';
import type { UserIndex } from '../store/userIndex.js';

// Saving a draft to the user's Spotify account, once per (draft, user) across every process: the store's claim
// `save:<draftId>:<userId>` lets one process create it while the others wait for its record. A pending record is
// written before the playlist is created, the playlist's id right after, and progress after each chunk of items,
// so a retry after a crash finishes the same playlist: it first asks Spotify how many items the playlist holds, so
// a chunk Spotify added just before a crash (but after our last record) is not added twice, and when only the
// pending record is there it looks for the playlist Spotify may have created before creating another.

export interface SaveRecord {
	playlistId: string;
	url: string;
	/** The account it was saved to: after relinking to another account, a save makes a new copy. */
	spotifyUserId: string;
	addedChunks: number;
	totalChunks: number;
}

/** Written just before Spotify is asked to create the playlist; replaced by a SaveRecord once it answers. */
export interface PendingSave {
	spotifyUserId: string;
	pending: true;
}

export type StoredSave = SaveRecord | PendingSave;

export interface SavedPlaylist {
	playlistUrl: string;
	playlistId: string;
	/** False when the playlist was already complete before this call, so nothing was done. */
	created: boolean;
}

export interface PlaylistSaverOptions {
	links: SpotifyLinks;
	client: SpotifyUserClient;
	records: Collection<StoredSave>;
	/** Holds `save:<draftId>:<userId>` while one process saves. */
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	logger: Logger;
	/** As long as the drafts live (DRAFT_TTL_DAYS). */
	recordTtlMs: number;
	/** Where each save record is noted under its user, so unlinking and "delete my data" find them. */
	index: UserIndex;
}

export interface PlaylistSaver {
	/** Throws NotLinkedError (before any Spotify call), LinkExpiredError, SpotifyUserNotAllowedError, … */
	savePlaylist(input: { discordUserId: string; draft: SaveableDraft }): Promise<SavedPlaylist>;
	/** How many save records the user has (each names a playlist in their Spotify account). */
	countSaves(discordUserId: string): Promise<number>;
	/** Deletes the user's save records; returns how many there were. */
	forgetSaves(discordUserId: string): Promise<number>;
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

const isPending = (record: StoredSave): record is PendingSave => 'pending' in record;
const isComplete = (record: SaveRecord) => record.addedChunks >= record.totalChunks;

/** Records the playlist before any item is added: from here on, a retry finishes this playlist. */
async function recordPlaylist(ctx: SaverContext, job: SaveJob, created: CreatedPlaylist, spotifyUserId: string) {
	const record: SaveRecord = { ...created, spotifyUserId, addedChunks: 0, totalChunks: chunkCount(job.draft) };
	await ctx.records.set(job.key, record, ctx.ttlMs);
	return record;
}

async function startPlaylist(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SaveRecord> {
	const { discordUserId, draft } = job;
	const details = buildPlaylistDetails(draft);
	const pending: PendingSave = { spotifyUserId, pending: true };
	await ctx.index.add(discordUserId, 'save', job.key, ctx.ttlMs);
	await ctx.records.set(job.key, pending, ctx.ttlMs);
	const created = await ctx.links.withUserToken(discordUserId, (token) => ctx.client.createPlaylist(token, details));
	ctx.logger.info({ discordUserId, draftId: draft.id, playlistId: created.playlistId }, 'spotify playlist created');
	return recordPlaylist(ctx, job, created, spotifyUserId);
}

/** After an interrupted create: the playlist Spotify made for this save, if it made one. */
async function adoptUnrecorded(ctx: SaverContext, job: SaveJob, spotifyUserId: string) {
	const name = buildPlaylistDetails(job.draft).name;
	const found = await findUnrecordedPlaylist(ctx, { discordUserId: job.discordUserId, spotifyUserId, name });
	if (!found) return undefined;
	ctx.logger.info({ draftId: job.draft.id, playlistId: found.playlistId }, 'resuming an unrecorded spotify playlist');
	return recordPlaylist(ctx, job, { playlistId: found.playlistId, url: found.url }, spotifyUserId);
}

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
		// Links made before we asked for playlist-read-private cannot read a private playlist: trust the record.
		if (!(error instanceof SpotifyUserNotAllowedError)) throw error;
		ctx.logger.warn({ playlistId }, 'cannot read the playlist to resume its save; going by the saved progress');
		return Math.min(job.draft.tracks.length, record.addedChunks * SPOTIFY_ITEMS_PER_REQUEST);
	}
}

/** The record of a save to this Spotify account that another call already finished. */
async function findComplete(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SaveRecord | undefined> {
	const record = await ctx.records.get(job.key);
	if (!record || isPending(record)) return undefined;
	return record.spotifyUserId === spotifyUserId && isComplete(record) ? record : undefined;
}

/** The playlist an earlier, interrupted save to this Spotify account left behind, and where to go on adding. */
async function findResumable(ctx: SaverContext, job: SaveJob, spotifyUserId: string) {
	const previous = await ctx.records.get(job.key);
	if (previous?.spotifyUserId !== spotifyUserId) return undefined;
	if (!isPending(previous)) return { record: previous, offset: await resumeOffset(ctx, job, previous) };
	const adopted = await adoptUnrecorded(ctx, job, spotifyUserId);
	// Only an empty playlist is adopted: nothing to count.
	return adopted && { record: adopted, offset: 0 };
}

async function saveClaimed(ctx: SaverContext, job: SaveJob, spotifyUserId: string): Promise<SavedPlaylist> {
	const resumed = await findResumable(ctx, job, spotifyUserId);
	const started = resumed?.record ?? (await startPlaylist(ctx, job, spotifyUserId));
	const record = await addItemsFrom(ctx, job, started, resumed?.offset ?? 0);
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
	const ctx: SaverContext = { ...options, ttlMs: options.recordTtlMs };
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
		countSaves: async (discordUserId) => (await ctx.index.list(discordUserId, 'save')).length,
		forgetSaves: async (discordUserId) => {
			const keys = await ctx.index.list(discordUserId, 'save');
			await Promise.all(keys.map((key) => ctx.records.delete(key)));
			await ctx.index.forget(discordUserId, 'save');
			return keys.length;
		},
	};
}
