import { createHash } from 'node:crypto';
import type { Logger } from '../../log.js';
import { songKey } from './normalize.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import { storedTrack } from './cachedCatalog.js';
import type { Collection } from '../store/createStore.js';
import type { Track } from '../spotify/track.js';
import { verifySuggestion, type Suggestion } from './verifySuggestion.js';

// Verified suggestions shared through the store: the LLM names the same well-known songs for many prompts, in
// many spellings, and each spelling of a song (its songKey) needs checking on Spotify only once in a while.

/** What a check found: the track, or null for "not on Spotify" (a hallucination, or not in the catalog yet). */
export interface VerifiedSong {
	track: Track | null;
}

export interface VerifyCache {
	songs: Collection<VerifiedSong>;
	foundTtlMs: number;
	/** Shorter than found: a song missing today may be added, and a wrong "no" costs a good pick. */
	missTtlMs: number;
	logger: Logger;
}

/** The Spotify track a suggestion names, or null when there is none; with a market, preferably the release there. */
export type Verify = (suggestion: Suggestion, options?: { market?: string | undefined }) => Promise<Track | null>;

/** A check's store key; one preferring a market is another check (a check without one keeps the key it had). */
export function verifiedSongKey(suggestion: Suggestion, market?: string): string {
	const song = songKey(suggestion.title, suggestion.artist);
	return createHash('sha256')
		.update(market ? `${song}|${market}` : song)
		.digest('hex');
}

/** verifySuggestion, answered from the shared cache when it can be; without a cache every check asks Spotify. */
export function createVerify(catalog: SpotifyCatalog, cache?: VerifyCache): Verify {
	if (!cache) return (suggestion, options = {}) => verifySuggestion(catalog, suggestion, options.market);
	return async (suggestion, options = {}) => {
		const key = verifiedSongKey(suggestion, options.market);
		const cached = await cache.songs.get(key);
		if (cached) return cached.track;
		const found = await verifySuggestion(catalog, suggestion, options.market);
		const track = found && storedTrack(found);
		const ttlMs = track ? cache.foundTtlMs : cache.missTtlMs;
		// A check that could not be kept still answers this playlist.
		await cache.songs.set(key, { track }, ttlMs).catch((error: unknown) => {
			cache.logger.warn({ err: error }, 'could not cache a verified suggestion');
		});
		return track;
	};
}
