import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCachedCatalog, seenTracksOf } from '../../../src/services/pipeline/cachedCatalog.js';
import { verifySuggestion } from '../../../src/services/pipeline/verifySuggestion.js';
import type { SearchPage, SpotifyCatalog } from '../../../src/services/spotify/catalog.js';
import type { Track } from '../../../src/services/spotify/track.js';
import type { Collection } from '../../../src/services/store/storeContract.js';
import { captureLogger } from '../../../standins/upstreams.js';

// The songs search pages showed, as the check of an LLM suggestion finds them: which version, and for how long.

const HOUR_MS = 3_600_000;

function track(id: string, name: string, artists: string[]): Track {
	return { id, uri: `spotify:track:${id}`, name, artists, album: 'A', imageUrl: null, url: '', durationMs: 1 };
}

function memoryCollection<T>(): Collection<T> {
	const values = new Map<string, T>();
	return {
		get: (key) => Promise.resolve(values.get(key)),
		set: (key, value) => Promise.resolve(void values.set(key, value)),
		delete: (key) => Promise.resolve(values.delete(key)),
	};
}

/** A Spotify catalog whose every search answers `page`, counting the searches. */
function fakeSpotify(page: SearchPage) {
	const searched: string[] = [];
	const catalog: SpotifyCatalog = {
		searchTracks: (query) => {
			searched.push(query);
			return Promise.resolve(page);
		},
		checkCredentials: () => Promise.resolve(),
	};
	return { catalog, searched };
}

const VERSIONS = [
	track('live', 'Cold Chains - Live', ['Inès']),
	track('feat', 'Cold Chains (feat. Nova)', ['Nova', 'Inès']),
	track('studio', 'Cold Chains', ['Inès']),
];

afterEach(() => {
	vi.useRealTimers();
});

describe('songs seen on search pages', () => {
	it('answer a check in any spelling with the version named, by the artist named first, without a search', async () => {
		const spotify = fakeSpotify({ tracks: VERSIONS, total: 3 });
		const cached = createCachedCatalog(spotify.catalog, {
			pages: memoryCollection(),
			ttlMs: HOUR_MS,
			logger: captureLogger('silent').logger,
		});
		await cached.searchTracks('genre:"hip-hop"', { limit: 10, offset: 0 });
		const check = (title: string, artist: string) =>
			verifySuggestion(spotify.catalog, { title, artist, reason: 'fits' });

		expect((await check('Cold Chains', 'Inès'))?.id).toBe('studio');
		expect((await check('cold chains - live', 'ines'))?.id).toBe('live');
		expect((await check('Cold Chains (feat. Someone)', 'Nova'))?.id).toBe('feat');
		expect(spotify.searched).toEqual(['genre:"hip-hop"']);
		// A song no page showed is searched for.
		expect(await check('Warm Chains', 'Inès')).toBeNull();
		expect(spotify.searched).toHaveLength(2);
	});

	it('are forgotten with the pages that showed them', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const spotify = fakeSpotify({ tracks: VERSIONS, total: 3 });
		const logger = captureLogger('silent').logger;
		const cached = createCachedCatalog(spotify.catalog, { pages: memoryCollection(), ttlMs: HOUR_MS, logger });
		await cached.searchTracks('genre:"hip-hop"', { limit: 10, offset: 0 });
		expect(seenTracksOf(spotify.catalog)?.find('Cold Chains', 'Inès')?.id).toBe('studio');
		vi.setSystemTime(Date.now() + HOUR_MS);
		expect(seenTracksOf(spotify.catalog)?.find('Cold Chains', 'Inès')).toBeUndefined();
	});
});
