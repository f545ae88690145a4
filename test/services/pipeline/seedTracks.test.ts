import { describe, expect, it } from 'vitest';
import type { PromptAttributes } from '../../../src/services/pipeline/attributes.js';
import { seedTracks } from '../../../src/services/pipeline/seedTracks.js';
import type { SearchPage, SearchRange, SpotifyCatalog } from '../../../src/services/spotify/catalog.js';
import type { Track } from '../../../src/services/spotify/track.js';

// Which search pages the seed stage asks for, against a catalog whose answers the test decides: a genre alone is
// asked by every prompt of that genre (its pages are shared through the cache), the prompt's own queries rarely twice.

interface Results {
	/** Tracks a query has; `perArtist` tracks in a row by one artist, as search results often come. */
	total: number;
	perArtist: number;
}

function track(query: string, index: number, perArtist: number): Track {
	const id = `${query}#${index}`;
	const artist = `${query} artist ${Math.floor(index / perArtist)}`;
	return {
		id,
		uri: `spotify:track:${id}`,
		name: id,
		artists: [artist],
		album: 'A',
		imageUrl: null,
		url: '',
		durationMs: 1,
	};
}

/** A catalog answering each query from `results` (none when absent), recording every search in order. */
function fakeCatalog(results: Record<string, Results>) {
	const asked: { query: string; offset: number; round: number }[] = [];
	let round = 0;
	let pending = 0;
	const catalog: SpotifyCatalog = {
		async searchTracks(query: string, { limit, offset }: SearchRange): Promise<SearchPage> {
			pending++;
			asked.push({ query, offset, round });
			await new Promise((resolve) => setTimeout(resolve, 1));
			// Searches sent together form a round; the next starts once they are all answered.
			if (--pending === 0) round++;
			const { total, perArtist } = results[query] ?? { total: 0, perArtist: 1 };
			const count = Math.max(0, Math.min(limit, total - offset));
			return { tracks: Array.from({ length: count }, (_, i) => track(query, offset + i, perArtist)), total };
		},
		checkCredentials: () => Promise.resolve(),
	};
	const pagesOf = (query: string) => asked.filter((search) => search.query === query);
	return { catalog, asked, pagesOf };
}

const JAZZ: PromptAttributes = {
	mood: 'calm',
	genres: ['jazz'],
	energy: 'low',
	era: null,
	language: null,
	keywords: ['late', 'night'],
	durationMinutes: null,
	phases: [],
};

describe('seed searches', () => {
	it('reads a genre alone five pages deep at once, the prompt’s own queries one page: one round when enough', async () => {
		const { catalog, asked, pagesOf } = fakeCatalog({
			'genre:"jazz"': { total: 500, perArtist: 1 },
			'jazz calm': { total: 500, perArtist: 1 },
			'late night': { total: 500, perArtist: 1 },
			jazz: { total: 500, perArtist: 1 },
		});
		const seeds = await seedTracks(catalog, JAZZ, 23);
		expect(seeds.length).toBeGreaterThanOrEqual(23);
		expect(pagesOf('genre:"jazz"').map((search) => search.offset)).toEqual([0, 10, 20, 30, 40]);
		expect(pagesOf('jazz calm').map((search) => search.offset)).toEqual([0]);
		expect(pagesOf('late night').map((search) => search.offset)).toEqual([0]);
		// The genre as free words is the same search again while its genre: filter has results.
		expect(pagesOf('jazz')).toEqual([]);
		expect(new Set(asked.map((search) => search.round))).toEqual(new Set([0]));
	});

	it('goes deeper in the genre alone, then in its free words once the filter runs dry, before the prompt’s own', async () => {
		const { catalog, pagesOf } = fakeCatalog({
			'genre:"jazz"': { total: 60, perArtist: 8 },
			'jazz calm': { total: 500, perArtist: 8 },
			'late night': { total: 500, perArtist: 8 },
			jazz: { total: 500, perArtist: 8 },
		});
		await seedTracks(catalog, JAZZ, 40);
		const rounds = (query: string) => pagesOf(query).map((search) => search.round);
		expect(rounds('genre:"jazz"')).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
		expect(rounds('jazz calm').slice(0, 1)).toEqual([0]);
		expect(rounds('jazz').slice(0, 2)).toEqual([2, 2]);
		// The prompt's own queries read on only when no genre search is left to read.
		const lastGenreRound = Math.max(...rounds('genre:"jazz"'), ...rounds('jazz'));
		expect(
			rounds('jazz calm')
				.slice(1)
				.every((round) => round > lastGenreRound),
		).toBe(true);
	});

	it('asks the genre as free words in the next round when its genre: filter finds nothing', async () => {
		const attributes = { ...JAZZ, genres: ['bedroom pop'], keywords: [] };
		const { catalog, pagesOf } = fakeCatalog({
			'bedroom pop calm': { total: 5, perArtist: 1 },
			'bedroom pop': { total: 500, perArtist: 1 },
		});
		const seeds = await seedTracks(catalog, attributes, 23);
		expect(pagesOf('genre:"bedroom pop"').map((search) => search.round)).toEqual([0, 0, 0, 0, 0]);
		expect(pagesOf('bedroom pop').map((search) => search.round)).toEqual([1, 1]);
		expect(seeds.length).toBeGreaterThanOrEqual(23);
	});
});
