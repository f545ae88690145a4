import type { VerifiedPick } from './refineWithLlm.js';
import type { PlaylistTrack, Track } from '../spotify/track.js';
import { storedTrack } from './cachedCatalog.js';
import { SPARE_MAX } from './refillPlaylist.js';
import { searchReason } from './searchReason.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST } from './trackFilter.js';

/** A seed may say which search found it. */
type Seed = Track & { foundBy?: string };

export interface AssembleInput {
	seeds: Seed[];
	picks: VerifiedPick[];
	length: number;
	maxPerArtist?: number;
	/** At most this many seeds (a preview holds back the seeds that would fill in for missing picks). */
	maxSeeds?: number;
	/** Tracks the list holds besides these (a listener's own): none is repeated, and they count toward the cap. */
	taken?: Track[];
}

export interface Assembly {
	tracks: PlaylistTrack[];
	/** LLM picks left out as repeats of a track already in the list. */
	duplicatePicks: number;
	/** Candidates not used and not repeats, in the order they would have come: what a shortened list is refilled from. */
	spare: PlaylistTrack[];
}

/**
 * Exactly `length` tracks when the candidates allow: LLM picks interleaved with catalog seeds, no
 * repeated track id or song (title + first artist), at most `maxPerArtist` per artist.
 */
export function assemblePlaylist(input: AssembleInput): Assembly {
	const filter = createTrackFilter(input.maxPerArtist ?? MAX_TRACKS_PER_ARTIST);
	for (const track of input.taken ?? []) filter.take(track);
	const tracks: PlaylistTrack[] = [];
	let duplicatePicks = 0;

	const spare: PlaylistTrack[] = [];
	const tryAdd = (candidate: PlaylistTrack): boolean => {
		const result = filter.take(candidate);
		if (result === 'repeat' && candidate.source === 'llm') duplicatePicks++;
		if (result === 'artist-full') spare.push(candidate);
		if (result !== 'taken') return false;
		tracks.push(candidate);
		return true;
	};

	// Seed, pick, seed, pick…; a turn passes only once a track was added. When one kind runs out,
	// the other fills the rest.
	const seeds = [...input.seeds];
	const picks = [...input.picks];
	let seedsLeft = input.maxSeeds ?? Infinity;
	const seedsOpen = () => seeds.length > 0 && seedsLeft > 0;
	let turn: 'seed' | 'llm' = 'seed';
	while (tracks.length < input.length && (seedsOpen() || picks.length > 0)) {
		const fromSeeds = turn === 'seed' ? seedsOpen() : picks.length === 0;
		if (fromSeeds) {
			const seed = seeds.shift();
			if (seed && tryAdd(fromSeed(seed))) {
				seedsLeft--;
				turn = 'llm';
			}
		} else {
			const pick = picks.shift();
			if (pick && tryAdd(fromPick(pick))) turn = 'seed';
		}
	}
	const unused = [...picks.map(fromPick), ...seeds.map(fromSeed)];
	return { tracks, duplicatePicks, spare: [...spare, ...unused].slice(0, SPARE_MAX) };
}

// Only the catalog fields of a track (nothing else a caller attached), with where it came from.
export const fromSeed = (seed: Seed): PlaylistTrack => ({
	...storedTrack(seed),
	source: 'seed',
	reason: seed.foundBy ? searchReason(seed.foundBy) : null,
});

export const fromPick = (pick: VerifiedPick): PlaylistTrack => ({
	...storedTrack(pick.track),
	source: 'llm',
	reason: pick.reason,
	suggestedAs: pick.suggestedAs,
});
