import { setTimeout as sleep } from 'node:timers/promises';
import type { ExtendedPlaylist } from '../pipeline/personalization.js';
import { SpotifyUserNotAllowedError, UpstreamError } from '../errors.js';
import { ITEMS_PAGE, MY_PLAYLISTS_PAGE, type Paged } from '../spotify/playlistReader.js';
import type { Track } from '../spotify/track.js';
import { PLAYLISTS_TTL_MS, type KnownPlaylist } from './listenerRecords.js';
import type { PersonalDeps } from './personalDeps.js';
import { NotOwnPlaylistError, PersonalNotLinkedError, PlaylistNotFoundError } from './personalErrors.js';

// The listener's playlists for "extend my playlist": listed for autocomplete (from a short per-user cache, so typing
// costs Spotify one listing), resolved from what the command got, and read whole when one is extended.

/** Playlists listed per user: ten pages. */
const LISTED_MAX = 500;
/** Spotify's limit on a playlist's length. */
const ITEMS_MAX = 10_000;
const PAGES_AT_ONCE = 5;
/** Discord shows at most 25 choices. */
export const CHOICES_MAX = 25;

/** Every page of a list: the first, then the rest a few at a time. */
async function readAll<T>(page: (offset: number) => Promise<Paged<T>>, size: number, max: number): Promise<T[]> {
	const first = await page(0);
	const offsets: number[] = [];
	for (let offset = size; offset < Math.min(first.total, max); offset += size) offsets.push(offset);
	const items = [...first.items];
	for (let from = 0; from < offsets.length; from += PAGES_AT_ONCE) {
		const pages = await Promise.all(offsets.slice(from, from + PAGES_AT_ONCE).map(page));
		for (const next of pages) items.push(...next.items);
	}
	return items;
}

/** A name as typed: case, accents and spacing don't matter. */
const fold = (text: string) =>
	text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
const SPOTIFY_ID = /^(?:spotify:playlist:|https:\/\/open\.spotify\.com\/playlist\/)?([0-9A-Za-z]{22})(?:\?.*)?$/;

export interface UserPlaylists {
	/** The user's playlists (owned, collaborative and followed), cached a few minutes. */
	list(userId: string): Promise<KnownPlaylist[]>;
	/** Their playlists they may extend whose name contains `typed`, at most CHOICES_MAX. */
	matching(playlists: KnownPlaylist[], typed: string): KnownPlaylist[];
	/** The playlist `value` names (an id from autocomplete, a link, or a name typed out), if they may extend it. */
	resolve(userId: string, value: string): Promise<ExtendedPlaylist>;
	/** Every track of one of their playlists. */
	tracks(userId: string, playlistId: string): Promise<Track[]>;
}

/** Lists the user's playlists from Spotify (every page) and keeps them a few minutes. */
async function loadPlaylists(deps: PersonalDeps, userId: string): Promise<KnownPlaylist[]> {
	const account = await deps.links.getLink(userId);
	if (!account) throw new PersonalNotLinkedError(userId);
	const listed = await deps.links.withUserToken(userId, (token) =>
		readAll((offset) => deps.reader.listMine(token, offset), MY_PLAYLISTS_PAGE, LISTED_MAX),
	);
	const playlists = listed.map(({ id, name, url, ownerId, collaborative }) => ({
		id,
		name,
		url,
		editable: ownerId === account.spotifyUserId || collaborative,
	}));
	await deps.records.playlists.set(userId, { playlists }, PLAYLISTS_TTL_MS);
	return playlists;
}

export function createUserPlaylists(deps: PersonalDeps): UserPlaylists {
	const loading = new Map<string, Promise<KnownPlaylist[]>>();
	const list = async (userId: string) => {
		const cached = await deps.records.playlists.get(userId);
		if (cached) return cached.playlists;
		// Keystrokes while the first listing runs share it.
		let running = loading.get(userId);
		if (!running) {
			running = loadPlaylists(deps, userId).finally(() => loading.delete(userId));
			loading.set(userId, running);
		}
		return running;
	};
	return {
		list,
		matching: (playlists, typed) =>
			playlists
				.filter((playlist) => playlist.editable && fold(playlist.name).includes(fold(typed)))
				.slice(0, CHOICES_MAX),
		resolve: (userId, value) => resolve({ deps, list }, userId, value),
		tracks: (userId, playlistId) =>
			deps.links.withUserToken(userId, (token) =>
				readAll((offset) => deps.reader.items(token, playlistId, offset), ITEMS_PAGE, ITEMS_MAX),
			),
	};
}

async function resolve(
	parts: { deps: PersonalDeps; list: (userId: string) => Promise<KnownPlaylist[]> },
	userId: string,
	value: string,
): Promise<ExtendedPlaylist> {
	const playlists = await parts.list(userId);
	const id = SPOTIFY_ID.exec(value.trim())?.[1];
	const found =
		playlists.find((playlist) => playlist.id === id) ??
		playlists.find((playlist) => playlist.editable && fold(playlist.name) === fold(value)) ??
		playlists.find((playlist) => fold(playlist.name) === fold(value));
	if (found && !found.editable) throw new NotOwnPlaylistError();
	if (found) return { playlistId: found.id, name: found.name, url: found.url };
	if (id) await probe(parts.deps, userId, id);
	throw new PlaylistNotFoundError();
}

/** A playlist id not among theirs: Spotify lets only its owner and collaborators read its items. */
async function probe(deps: PersonalDeps, userId: string, playlistId: string): Promise<void> {
	try {
		await deps.links.withUserToken(userId, (token) => deps.reader.items(token, playlistId, 0));
	} catch (error) {
		if (error instanceof SpotifyUserNotAllowedError) throw new NotOwnPlaylistError();
		if (error instanceof UpstreamError && error.status === 404) throw new PlaylistNotFoundError();
		throw error;
	}
}

/** Waits for `task` at most `ms`; undefined when it takes longer (it runs on, and a failure is left to `task`). */
export async function within<T>(ms: number, task: Promise<T>): Promise<T | undefined> {
	const timeout = new AbortController();
	try {
		return await Promise.race([task, sleep(ms, undefined, { signal: timeout.signal })]);
	} finally {
		timeout.abort();
	}
}
