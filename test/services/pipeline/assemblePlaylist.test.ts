import { describe, expect, it } from 'vitest';
import { assemblePlaylist } from '../../../src/services/pipeline/assemblePlaylist.js';
import type { Track } from '../../../src/services/spotify/track.js';

function track(id: string, name: string, artist: string): Track {
	return {
		id,
		uri: `spotify:track:${id}`,
		name,
		artists: [artist],
		album: 'A',
		imageUrl: null,
		url: `https://open.spotify.com/track/${id}`,
		durationMs: 1,
	};
}

const seeds = Array.from({ length: 20 }, (_, index) => track(`s${index}`, `Seed ${index}`, `Seed Artist ${index}`));
const picks = Array.from({ length: 10 }, (_, index) => ({
	track: track(`l${index}`, `Pick ${index}`, `Pick Artist ${index}`),
	reason: `r${index}`,
	suggestedAs: `Pick ${index} — Pick Artist ${index}`,
}));
const pickOf = (track: Track, reason: string) => ({
	track,
	reason,
	suggestedAs: `${track.name} — ${track.artists[0]}`,
});

describe('assemblePlaylist', () => {
	it('interleaves seeds and LLM picks and stops at the length', () => {
		const { tracks } = assemblePlaylist({ seeds, picks, length: 6 });
		expect(tracks.map((item) => item.id)).toEqual(['s0', 'l0', 's1', 'l1', 's2', 'l2']);
		expect(tracks[1]).toMatchObject({ source: 'llm', reason: 'r0' });
		expect(tracks[0]).toMatchObject({ source: 'seed', reason: null });
	});

	it('fills from the other kind when one runs out', () => {
		const { tracks } = assemblePlaylist({ seeds: seeds.slice(0, 2), picks, length: 8 });
		expect(tracks.map((item) => item.id)).toEqual(['s0', 'l0', 's1', 'l1', 'l2', 'l3', 'l4', 'l5']);
	});

	it('drops repeated ids and the same song under another id, counting LLM repeats', () => {
		const repeat = [
			pickOf(seeds[0] as Track, 'same id'),
			pickOf(track('other', 'SEED 0 (feat. Someone)', 'seed artist 0'), 'same song'),
			...picks,
		];
		const { tracks, duplicatePicks } = assemblePlaylist({ seeds: seeds.slice(0, 3), picks: repeat, length: 6 });
		expect(new Set(tracks.map((item) => item.id)).size).toBe(6);
		expect(tracks.map((item) => item.id)).not.toContain('other');
		expect(duplicatePicks).toBe(2);
	});

	it('allows at most two tracks per artist', () => {
		const sameArtist = Array.from({ length: 5 }, (_, index) => track(`a${index}`, `Song ${index}`, 'Prolific'));
		const { tracks } = assemblePlaylist({ seeds: [...sameArtist, ...seeds], picks: [], length: 10 });
		expect(tracks.filter((item) => item.artists[0] === 'Prolific')).toHaveLength(2);
		expect(tracks).toHaveLength(10);
	});

	it('says which search found each seed, and keeps the candidates it did not use, in order, as spare', () => {
		const found = seeds.map((seed) => ({ ...seed, foundBy: 'genre:"k-pop" year:2000-2009' }));
		const sameArtist = Array.from({ length: 3 }, (_, index) => track(`a${index}`, `Song ${index}`, 'Prolific'));
		const { tracks, spare } = assemblePlaylist({ seeds: [...sameArtist, ...found], picks, length: 6 });
		expect(tracks[0]).toMatchObject({ source: 'seed', reason: null });
		expect(tracks[4]).toMatchObject({ id: 's0', reason: 'search: genre k-pop, years 2000–2009' });
		expect(tracks[4]).not.toHaveProperty('foundBy');
		expect(spare.map((item) => item.id)).toEqual([
			'a2',
			...picks.slice(3).map((pick) => pick.track.id),
			...seeds.slice(1).map((seed) => seed.id),
		]);
		expect(spare[1]).toMatchObject({ source: 'llm', reason: 'r3', suggestedAs: 'Pick 3 — Pick Artist 3' });
	});

	it('returns fewer tracks when the candidates run out', () => {
		expect(assemblePlaylist({ seeds: seeds.slice(0, 3), picks: [], length: 10 }).tracks).toHaveLength(3);
	});
});
