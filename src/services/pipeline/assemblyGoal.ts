import type { Track } from '../spotify/track.js';

// When a list being assembled is full: at a track count, or at a total duration. A duration is met within a
// tolerance (3 minutes or 5 %, whichever is larger): tracks are added while the total is short of it, then only a
// track that brings the total closer to the target.

const MINUTE_MS = 60_000;

export function durationTolerance(targetMs: number): number {
	return Math.max(3 * MINUTE_MS, 0.05 * targetMs);
}

/** The list so far, as a goal sees it. */
export interface Tally {
	count: number;
	totalMs: number;
}

export interface Goal {
	/** More tracks are wanted. */
	wants(tally: Tally): boolean;
	/** `track` may be added now. */
	fits(tally: Tally, track: Track): boolean;
}

export function countGoal(count: number): Goal {
	return { wants: (tally) => tally.count < count, fits: () => true };
}

/** A total of about `targetMs`, with at most `maxCount` tracks. */
export function durationGoal(targetMs: number, maxCount: number, toleranceMs = durationTolerance(targetMs)): Goal {
	return {
		wants: (tally) => tally.count < maxCount && tally.totalMs < targetMs,
		fits: (tally, track) => {
			const after = tally.totalMs + track.durationMs;
			if (tally.totalMs < targetMs - toleranceMs) return after <= targetMs + toleranceMs;
			return Math.abs(after - targetMs) < Math.abs(tally.totalMs - targetMs);
		},
	};
}
