import { createHash } from 'node:crypto';
import type { Logger } from '../../log.js';
import type { Collection } from '../store/createStore.js';
import { clampSearchRange, type SearchOptions, type SearchPage, type SpotifyCatalog } from '../spotify/catalog.js';
import type { Track } from '../spotify/track.js';
import { normalizeArtist, songKey } from './normalize.js';

// Search pages shared through the store by every process and user: a genre's first pages are asked for by many
// prompts, and Spotify's catalog changes slowly enough that a day-old page is as good. The songs those pages showed
// lately are kept in memory too, so a check of an LLM suggestion naming one needs no search of its own.

export interface SearchCache {
	pages: Collection<SearchPage>;
	ttlMs: number;
	logger: Logger;
}

/** Exactly the Track fields, copied one by one, so nothing else a caller attached reaches the store. */
export function storedTrack(track: Track): Track {
	const { id, uri, name, artists, album, imageUrl, url, durationMs } = track;
	return { id, uri, name, artists: [...artists], album, imageUrl, url, durationMs };
}

/**
 * The store key of a page: hashed, as queries can be long; the range as Spotify is asked for it, and the market
 * (another market's catalog is another page). A page without a market keeps the key it always had.
 */
export function searchPageKey(query: string, page: SearchOptions): string {
	const { limit, offset } = clampSearchRange(page);
	const key = page.market ? [query, limit, offset, page.market] : [query, limit, offset];
	return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}

/** Songs the search pages showed lately, by title with each of their artists. */
export interface SeenTracks {
	find(title: string, artist: string): Track | undefined;
}

// About a megabyte of tracks; the oldest go first.
const SEEN_SONGS_MAX = 5_000;

// The check of a suggestion is handed the plain Spotify catalog; it finds here what the cached catalog built on that
// same catalog has seen.
const seenThrough = new WeakMap<SpotifyCatalog, SeenTracks & { remember(page: SearchPage): void }>();

/** What the cached catalog wrapping `catalog` has seen, if there is one. */
export function seenTracksOf(catalog: SpotifyCatalog): SeenTracks | undefined {
	return seenThrough.get(catalog);
}

/** A song's versions seen (a remaster, a live cut…), up to a few; the one named exactly is the one a check wants. */
const VERSIONS_MAX = 4;

/** The version named exactly, by the artist named first on it, before the others; the first seen among equals. */
function bestVersion(versions: Track[], title: string, artist: string): Track | undefined {
	const score = (track: Track) =>
		(track.name.toLowerCase() === title.trim().toLowerCase() ? 2 : 0) +
		(normalizeArtist(track.artists[0] ?? '') === normalizeArtist(artist) ? 1 : 0);
	return versions.reduce<Track | undefined>(
		(best, track) => (!best || score(track) > score(best) ? track : best),
		undefined,
	);
}

/** Kept no longer than the pages themselves, the versions of a song as they were first seen. */
function createSeenTracks(cache: SearchCache) {
	const songs = new Map<string, { versions: Track[]; at: number }>();
	const fresh = (entry: { at: number } | undefined) => entry !== undefined && Date.now() - entry.at < cache.ttlMs;
	function add(key: string, track: Track): void {
		const entry = songs.get(key);
		if (!fresh(entry)) {
			songs.delete(key);
			songs.set(key, { versions: [track], at: Date.now() });
			if (songs.size > SEEN_SONGS_MAX) songs.delete(songs.keys().next().value as string);
		} else if (entry && entry.versions.length < VERSIONS_MAX && !entry.versions.some(({ id }) => id === track.id)) {
			entry.versions.push(track);
		}
	}
	return {
		remember(page: SearchPage) {
			for (const track of page.tracks) for (const artist of track.artists) add(songKey(track.name, artist), track);
		},
		find(title: string, artist: string) {
			const entry = songs.get(songKey(title, artist));
			if (!fresh(entry)) return undefined;
			cache.logger.debug('suggestion found on a search page');
			return bestVersion(entry?.versions ?? [], title, artist);
		},
	};
}

/** `catalog` with its searches answered from the shared cache when they can be; identical ones in flight run once. */
export function createCachedCatalog(catalog: SpotifyCatalog, cache: SearchCache): SpotifyCatalog {
	const inFlight = new Map<string, Promise<SearchPage>>();
	const seen = seenThrough.get(catalog) ?? createSeenTracks(cache);
	seenThrough.set(catalog, seen);

	async function searchAndKeep(key: string, query: string, page: SearchOptions): Promise<SearchPage> {
		const cached = await cache.pages.get(key);
		cache.logger.debug({ from: cached ? 'cache' : 'spotify' }, 'search page');
		if (cached) return cached;
		const found = await catalog.searchTracks(query, page);
		const kept: SearchPage = { tracks: found.tracks.map(storedTrack), total: found.total };
		// A page that could not be kept is still good for this playlist.
		await cache.pages.set(key, kept, cache.ttlMs).catch((error: unknown) => {
			cache.logger.warn({ err: error }, 'could not cache a search page');
		});
		return kept;
	}

	return {
		searchTracks: (query, page) => {
			const key = searchPageKey(query, page);
			const running = inFlight.get(key);
			if (running) {
				cache.logger.debug({ from: 'in-flight' }, 'search page');
				return running;
			}
			const search = searchAndKeep(key, query, page)
				.then((found) => {
					seen.remember(found);
					return found;
				})
				.finally(() => inFlight.delete(key));
			inFlight.set(key, search);
			return search;
		},
		checkCredentials: () => catalog.checkCredentials(),
	};
}
