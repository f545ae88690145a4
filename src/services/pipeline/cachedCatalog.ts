import { createHash } from 'node:crypto';
import type { Logger } from '../../log.js';
import type { Collection } from '../store/createStore.js';
import { clampSearchRange, type SearchOptions, type SearchPage, type SpotifyCatalog } from '../spotify/catalog.js';
import type { Track } from '../spotify/track.js';

// Search pages shared through the store by every process and user: a genre's first pages are asked for by many
// prompts, and Spotify's catalog changes slowly enough that a day-old page is as good.

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

/** `catalog` with its searches answered from the shared cache when they can be; identical ones in flight run once. */
export function createCachedCatalog(catalog: SpotifyCatalog, cache: SearchCache): SpotifyCatalog {
	const inFlight = new Map<string, Promise<SearchPage>>();

	async function searchAndKeep(key: string, query: string, page: SearchOptions): Promise<SearchPage> {
		const cached = await cache.pages.get(key);
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
			if (running) return running;
			const search = searchAndKeep(key, query, page).finally(() => inFlight.delete(key));
			inFlight.set(key, search);
			return search;
		},
		checkCredentials: () => catalog.checkCredentials(),
	};
}
