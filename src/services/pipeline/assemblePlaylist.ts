import type { Energy } from './attributes.js';
import { countGoal, durationGoal, durationTolerance, type Goal, type Tally } from './assemblyGoal.js';
import type { VerifiedPick } from './refineWithLlm.js';
import type { PlaylistTrack, Track } from '../spotify/track.js';
import { storedTrack } from './cachedCatalog.js';
import { phasesFor, type PhaseSpan } from './phases.js';
import { SPARE_MAX } from './refillPlaylist.js';
import { searchReason } from './searchReason.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST, type TrackFilter } from './trackFilter.js';

/** A seed may say which search found it, and the energy that search asked for. */
type Seed = Track & { foundBy?: string; energy?: Energy };

export interface AssembleInput {
	seeds: Seed[];
	picks: VerifiedPick[];
	/** Exactly this many tracks when the candidates allow; with `targetMs`, the most the list may hold. */
	length: number;
	/** A total duration to reach (ms) instead of a count. */
	targetMs?: number | null;
	/** An arc: the list is ordered by phase, each phase taking its share. */
	arc?: PhaseSpan[];
	/** The prompt's energy: what a seed or pick is placed by when nothing more precise says where it goes. */
	energy?: Energy;
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

/** A track that may join the list, and the phases (indexes into the arc) it may join. */
interface Candidate {
	track: PlaylistTrack;
	phases: number[];
	/** Taken, or left out for good (a repeat, or its artist full). */
	done: boolean;
}

/** The list being assembled: one segment per phase (one in all without an arc). */
interface Assembling {
	filter: TrackFilter;
	segments: PlaylistTrack[][];
	tally: Tally;
	artistFull: PlaylistTrack[];
	duplicatePicks: number;
	seedsLeft: number;
}

/** Takes `candidate` into `segment` when the goal and the filter let it; else says why not, for the record. */
function tryTake(list: Assembling, segment: number, candidate: Candidate, goal: Goal): boolean {
	const { track } = candidate;
	// Too long for the time left: it may fit a later phase, so it stays a candidate.
	if (!goal.fits(list.tally, track)) return false;
	const result = list.filter.take(track);
	candidate.done = true;
	if (result === 'repeat' && track.source === 'llm') list.duplicatePicks++;
	if (result === 'artist-full') list.artistFull.push(track);
	if (result !== 'taken') return false;
	list.segments[segment]?.push(track);
	list.tally = { count: list.tally.count + 1, totalMs: list.tally.totalMs + track.durationMs };
	return true;
}

/**
 * Seed, pick, seed, pick… into one segment until the goal is met; a turn passes only once a track was added. When
 * one kind runs out, the other fills the rest.
 */
function fill(list: Assembling, segment: number, queues: { seeds: Candidate[]; picks: Candidate[] }, goal: Goal) {
	const seeds = queues.seeds.filter((candidate) => !candidate.done && candidate.phases.includes(segment));
	const picks = queues.picks.filter((candidate) => !candidate.done && candidate.phases.includes(segment));
	const seedsOpen = () => seeds.length > 0 && list.seedsLeft > 0;
	let turn: 'seed' | 'llm' = 'seed';
	while (goal.wants(list.tally) && (seedsOpen() || picks.length > 0)) {
		const fromSeeds: boolean = turn === 'seed' ? seedsOpen() : picks.length === 0;
		const candidate = fromSeeds ? seeds.shift() : picks.shift();
		if (!candidate || !tryTake(list, segment, candidate, goal)) continue;
		if (fromSeeds) list.seedsLeft--;
		turn = fromSeeds ? 'llm' : 'seed';
	}
}

/** The goal of the list up to the end of phase `index`: its share of the whole, added to the phases before it. */
function goalUntil(input: AssembleInput, arc: PhaseSpan[], index: number): Goal {
	const share = arc.slice(0, index + 1).reduce((sum, span) => sum + span.share, 0);
	// Every phase boundary is held to the whole list's tolerance, not a smaller one of its own share.
	if (input.targetMs) return durationGoal(input.targetMs * share, input.length, durationTolerance(input.targetMs));
	return countGoal(Math.round(input.length * share));
}

function candidates(input: AssembleInput, arc: PhaseSpan[]): { seeds: Candidate[]; picks: Candidate[] } {
	const energy = input.energy ?? 'medium';
	const whole = [0];
	const seeds = input.seeds.map((seed) => ({
		track: fromSeed(seed),
		phases: arc.length > 0 ? phasesFor(arc, { energy: seed.energy ?? energy }) : whole,
		done: false,
	}));
	const picks = input.picks.map((pick) => ({
		track: fromPick(pick),
		phases: arc.length > 0 ? phasesFor(arc, { phase: pick.phase, energy }) : whole,
		done: false,
	}));
	return { seeds, picks };
}

/**
 * The list from its candidates: exactly `length` tracks, or about `targetMs` of music, when the candidates allow;
 * LLM picks interleaved with catalog seeds, no repeated track id or song (title + first artist), at most
 * `maxPerArtist` per artist. With an arc, each phase is filled in turn from the candidates placed in it, and a list
 * still short takes what is left into the phases it fits, largest first.
 */
export function assemblePlaylist(input: AssembleInput): Assembly {
	const arc = input.arc ?? [];
	const spans = arc.length > 0 ? arc : [{ phase: 'steady' as const, energy: 'medium' as const, share: 1 }];
	const list: Assembling = {
		filter: createTrackFilter(input.maxPerArtist ?? MAX_TRACKS_PER_ARTIST),
		segments: spans.map(() => []),
		tally: { count: 0, totalMs: 0 },
		artistFull: [],
		duplicatePicks: 0,
		seedsLeft: input.maxSeeds ?? Infinity,
	};
	for (const track of input.taken ?? []) list.filter.take(track);
	const queues = candidates(input, arc);
	spans.forEach((_, index) => fill(list, index, queues, goalUntil(input, spans, index)));
	if (arc.length > 0) {
		// A phase short of candidates leaves the list short: the others take more of theirs, the largest first.
		const whole = goalUntil(input, spans, spans.length - 1);
		const largestFirst = spans.map((span, index) => ({ span, index })).sort((a, b) => b.span.share - a.span.share);
		for (const { index } of largestFirst) fill(list, index, queues, whole);
	}
	const tracks = list.segments.flatMap((segment, index) =>
		arc.length > 0 ? segment.map((track) => ({ ...track, phase: spans[index]?.phase })) : segment,
	);
	const unused = [...queues.picks, ...queues.seeds].filter((candidate) => !candidate.done).map((c) => c.track);
	return { tracks, duplicatePicks: list.duplicatePicks, spare: [...list.artistFull, ...unused].slice(0, SPARE_MAX) };
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
