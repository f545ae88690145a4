import type { PromptAttributes } from './attributes.js';
import { planArc, type PhaseSpan } from './phases.js';
import { LENGTH_MAX, MINUTES_MAX, MINUTES_MIN } from './requestChecks.js';

// What a list is assembled to: a track count, or a duration (the count then follows from the tracks' lengths), and
// the energy arc it follows, if any. A duration asked for wins over one the prompt names, and either over a count.

export interface PlaylistPlan {
	/** The track count to reach; with a duration, the most tracks the list may hold. */
	length: number;
	/** The duration to reach, in minutes; null for a count. */
	minutes: number | null;
	/** The arc the list follows, in order; empty without one. */
	arc: PhaseSpan[];
}

const MINUTE_MS = 60_000;
// Fewer minutes than most songs last, so the estimate asks for a few candidates too many rather than too few.
const ESTIMATE_TRACK_MINUTES = 3;

/** The prompt's duration as the LLM read it, within what may be asked; null for none. */
function promptMinutes(attributes: PromptAttributes): number | null {
	// Absent from results made before durations were read.
	const minutes = attributes.durationMinutes ?? null;
	return minutes === null ? null : Math.min(MINUTES_MAX, Math.max(MINUTES_MIN, Math.round(minutes)));
}

export function planPlaylist(
	request: { length: number; minutes?: number },
	attributes: PromptAttributes,
): PlaylistPlan {
	const minutes = request.minutes ?? promptMinutes(attributes);
	const arc = planArc(attributes.phases);
	return minutes === null ? { length: request.length, minutes: null, arc } : { length: LENGTH_MAX, minutes, arc };
}

export const targetMs = (plan: PlaylistPlan): number | null =>
	plan.minutes === null ? null : plan.minutes * MINUTE_MS;

/** About how many tracks the list will hold: what seeds and suggestions are sought for. */
export function expectedLength(plan: PlaylistPlan): number {
	if (plan.minutes === null) return plan.length;
	return Math.min(plan.length, Math.max(1, Math.ceil(plan.minutes / ESTIMATE_TRACK_MINUTES)));
}
