import { describe, expect, it } from 'vitest';
import { assembleForListener, spread } from '../../../src/services/pipeline/listenerAssembly.js';
import type { ListenerSeed } from '../../../src/services/pipeline/listenerSeeds.js';
import type { Track } from '../../../src/services/spotify/track.js';

function track(id: string, artist: string): Track {
	return {
		id,
		uri: `spotify:track:${id}`,
		name: `Song ${id}`,
		artists: [artist],
		album: 'A',
		imageUrl: null,
		url: `https://open.spotify.com/track/${id}`,
		durationMs: 1,
	};
}

const mine = (id: string, artist: string): ListenerSeed => ({
	...track(id, artist),
	reason: `from your taste: ${artist}`,
});
const seeds = Array.from({ length: 20 }, (_, index) => ({ ...track(`s${index}`, `Seed ${index}`), foundBy: 'k-pop' }));
const picks = Array.from({ length: 10 }, (_, index) => ({
	track: track(`l${index}`, `Pick ${index}`),
	reason: 'fits',
	suggestedAs: `Song l${index} — Pick ${index}`,
}));

describe('assembleForListener', () => {
	it("gives the listener's tracks their share, spread evenly, with their reason", () => {
		const top = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => mine(`m${id}`, `Top ${id}`));
		const { tracks } = assembleForListener({ mine: top, seeds, picks, length: 15, share: 1 / 3 });
		expect(tracks).toHaveLength(15);
		expect(tracks.map((item, index) => (item.id.startsWith('m') ? index : -1)).filter((at) => at >= 0)).toEqual([
			1, 4, 7, 10, 13,
		]);
		expect(tracks[1]).toMatchObject({ source: 'seed', reason: 'from your taste: Top a' });
		expect(tracks.filter((item) => item.source === 'llm')).toHaveLength(5);
	});

	it('keeps the artist cap over the listener’s tracks and the rest together', () => {
		const top = [mine('m1', 'Shared'), mine('m2', 'Shared'), mine('m3', 'Shared')];
		const sameArtistSeeds = [{ ...track('x1', 'Shared'), foundBy: 'k-pop' }, ...seeds];
		const { tracks, spare } = assembleForListener({
			mine: top,
			seeds: sameArtistSeeds,
			picks,
			length: 12,
			share: 1 / 2,
		});
		expect(tracks.filter((item) => item.artists[0] === 'Shared').map((item) => item.id)).toEqual(['m1', 'm2']);
		expect(spare.map((item) => item.id)).toEqual(expect.arrayContaining(['x1', 'm3']));
	});

	it('fills with more of the listener’s tracks when the rest runs short, but not in a preview', () => {
		const top = Array.from({ length: 8 }, (_, index) => mine(`m${index}`, `Top ${index}`));
		const short = { mine: top, seeds: seeds.slice(0, 2), picks: picks.slice(0, 1), length: 10, share: 1 / 3 };
		expect(assembleForListener(short).tracks).toHaveLength(10);
		// Three of theirs, the two seeds and the one pick.
		expect(assembleForListener({ ...short, expected: 10 }).tracks).toHaveLength(3 + 2 + 1);
	});

	it('gives them a share of the time when the list is made to a duration', () => {
		// Tracks of one minute: a 15-minute list holds about five of theirs.
		const minute = (item: Track) => ({ ...item, durationMs: 60_000 });
		const top = Array.from({ length: 8 }, (_, index) => ({ ...mine(`m${index}`, `Top ${index}`), durationMs: 60_000 }));
		const { tracks } = assembleForListener({
			mine: top,
			seeds: seeds.map((seed) => ({ ...minute(seed), foundBy: seed.foundBy })),
			picks: picks.map((pick) => ({ ...pick, track: minute(pick.track) })),
			length: 100,
			targetMs: 15 * 60_000,
			share: 1 / 3,
		});
		const total = tracks.reduce((sum, item) => sum + item.durationMs, 0);
		expect(Math.abs(total - 15 * 60_000)).toBeLessThanOrEqual(3 * 60_000);
		expect(tracks.filter((item) => item.id.startsWith('m'))).toHaveLength(5);
	});

	it('spreads any share: none, all, and more of one kind than the other', () => {
		expect(spread([], ['a', 'b'])).toEqual(['a', 'b']);
		expect(spread(['x', 'y'], [])).toEqual(['x', 'y']);
		expect(spread(['x'], ['a', 'b', 'c'])).toEqual(['a', 'b', 'x', 'c']);
		expect(spread(['x', 'y', 'z'], ['a'])).toEqual(['x', 'a', 'y', 'z']);
	});
});
