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

const MINUTE = 60_000;

/** Tracks of 2.5 to 5 minutes, each by its own artist, lengths spread by a fixed pattern. */
function timed(prefix: string, count: number): Track[] {
	return Array.from({ length: count }, (_, index) => ({
		...track(`${prefix}${index}`, `${prefix} ${index}`, `${prefix} Artist ${index}`),
		durationMs: 150_000 + ((index * 37_000) % 150_001),
	}));
}
const total = (tracks: { durationMs: number }[]) => tracks.reduce((sum, item) => sum + item.durationMs, 0);

describe('assemblePlaylist to a duration', () => {
	it.each([10, 45, 120])('lands %i minutes within 3 minutes or 5 %%, its count following', (minutes) => {
		const targetMs = minutes * MINUTE;
		const timedPicks = timed('p', 40).map((item) => pickOf(item, 'r'));
		const { tracks } = assemblePlaylist({ seeds: timed('s', 40), picks: timedPicks, length: 100, targetMs });
		expect(Math.abs(total(tracks) - targetMs)).toBeLessThanOrEqual(Math.max(3 * MINUTE, 0.05 * targetMs));
		expect(tracks.length).toBeGreaterThan(minutes / 5);
		expect(tracks.slice(0, 4).map((item) => item.source)).toEqual(['seed', 'llm', 'seed', 'llm']);
	});

	it('passes over a track too long for the time left, and keeps it as spare', () => {
		const long = { ...track('long', 'Long', 'Long Artist'), durationMs: 12 * MINUTE };
		const short = timed('s', 10);
		const { tracks, spare } = assemblePlaylist({
			seeds: [short[0]!, long, ...short.slice(1)],
			picks: [],
			length: 100,
			targetMs: 10 * MINUTE,
		});
		expect(tracks.map((item) => item.id)).not.toContain('long');
		expect(spare.map((item) => item.id)).toContain('long');
		expect(Math.abs(total(tracks) - 10 * MINUTE)).toBeLessThanOrEqual(3 * MINUTE);
	});

	it('stops at the most tracks it may hold, short of the time', () => {
		const { tracks } = assemblePlaylist({ seeds: timed('s', 40), picks: [], length: 5, targetMs: 120 * MINUTE });
		expect(tracks).toHaveLength(5);
	});
});

describe('assemblePlaylist on an arc', () => {
	const arc = [
		{ phase: 'warm-up' as const, energy: 'medium' as const, share: 0.2 },
		{ phase: 'peak' as const, energy: 'high' as const, share: 0.6 },
		{ phase: 'cool-down' as const, energy: 'low' as const, share: 0.2 },
	];
	const tags = [
		'cool-down',
		'peak',
		'warm-up',
		'peak',
		'peak',
		'cool-down',
		'peak',
		'warm-up',
		'peak',
		'peak',
	] as const;
	const tagged = picks.map((pick, index) => ({ ...pick, phase: tags[index] }));
	const found = (energy: 'low' | 'medium' | 'high', from: number) =>
		seeds.slice(from, from + 5).map((seed) => ({ ...seed, foundBy: `pop ${energy}`, energy }));

	it('orders the list by phase: picks by their tags, seeds by the energy their search asked for', () => {
		const input = { seeds: [...found('low', 0), ...found('high', 5), ...found('medium', 10)], picks: tagged };
		const { tracks } = assemblePlaylist({ ...input, length: 10, arc, energy: 'high' });
		expect(tracks.map((item) => item.phase)).toEqual([
			...Array<string>(2).fill('warm-up'),
			...Array<string>(6).fill('peak'),
			...Array<string>(2).fill('cool-down'),
		]);
		const byId = new Map([...tagged.map((pick) => [pick.track.id, pick.phase] as const)]);
		for (const item of tracks.filter((shown) => shown.source === 'llm')) expect(item.phase).toBe(byId.get(item.id));
		const energyOf = new Map(input.seeds.map((seed) => [seed.id, seed.energy]));
		const phaseEnergy = { 'warm-up': 'medium', peak: 'high', 'cool-down': 'low' } as Record<string, string>;
		for (const item of tracks.filter((shown) => shown.source === 'seed')) {
			expect(energyOf.get(item.id)).toBe(phaseEnergy[item.phase ?? '']);
		}
		// Within a phase, seeds and picks still take turns.
		expect(tracks.slice(2, 6).map((item) => item.source)).toEqual(['seed', 'llm', 'seed', 'llm']);
	});

	it('fills a phase short of candidates from the others, still in phase order', () => {
		const noCoolDown = tagged.filter((pick) => pick.phase !== 'cool-down');
		const { tracks } = assemblePlaylist({
			seeds: found('high', 0),
			picks: noCoolDown,
			length: 10,
			arc,
			energy: 'high',
		});
		expect(tracks).toHaveLength(10);
		const order = tracks.map((item) => arc.findIndex((span) => span.phase === item.phase));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(tracks.some((item) => item.phase === 'cool-down')).toBe(false);
	});

	it('times each phase to its share of a duration', () => {
		const timedSeeds = (['medium', 'high', 'low'] as const).flatMap((energy, group) =>
			timed(`s${group}`, 15).map((seed) => ({ ...seed, foundBy: `pop ${energy}`, energy })),
		);
		const { tracks } = assemblePlaylist({ seeds: timedSeeds, picks: [], length: 100, targetMs: 60 * MINUTE, arc });
		const phaseMs = (phase: string) => total(tracks.filter((item) => item.phase === phase));
		expect(Math.abs(total(tracks) - 60 * MINUTE)).toBeLessThanOrEqual(3 * MINUTE);
		expect(Math.abs(phaseMs('warm-up') - 12 * MINUTE)).toBeLessThanOrEqual(3 * MINUTE);
		expect(Math.abs(phaseMs('warm-up') + phaseMs('peak') - 48 * MINUTE)).toBeLessThanOrEqual(3 * MINUTE);
	});
});
