import type { Phase, PromptAttributes } from './attributes.js';
import type { PersonalNote } from './personalization.js';
import type { PlaylistTrack } from '../spotify/track.js';

/** Why a playlist was built without the LLM's help, or with only part of it (a track's `source` says which). */
export type DegradedReason =
	'llm-unreachable' | 'llm-timeout' | 'llm-model-missing' | 'llm-invalid-answer' | 'llm-error';

export type Stage = 'extract' | 'seed' | 'refine' | 'assemble';

/** The playlist so far, while the LLM's picks are still being verified. */
export interface PlaylistPreview {
	name: string;
	tracks: PlaylistTrack[];
}

/**
 * What the pipeline is doing now; `queued` is the place in the LLM queue (1 = next). `preview` comes once the seeds
 * are found and again with each verified pick; events without one leave the last preview standing.
 */
export interface PipelineProgress {
	stage: Exclude<Stage, 'assemble'>;
	queued?: number;
	preview?: PlaylistPreview;
}

/** A request as it was made: what the cache knows its result by, and what Regenerate asks again. */
export interface AskedFor {
	length: number;
	/** The duration asked for (the /playlist `minutes` option), apart from one the prompt names. */
	minutes?: number;
}

/** The pipeline's answer: plain data, cached and stored as a draft. */
export interface PlaylistResult {
	name: string;
	prompt: string;
	/** The track count the list keeps when it is revised: as asked, or for a duration the count it came to. */
	length: number;
	/** The duration the list was made to (asked for, or named in the prompt), in minutes; absent for a count. */
	minutes?: number;
	/** The request; absent on results made before durations. */
	asked?: AskedFor;
	/** The energy arc the list follows, in order (its tracks say their phase); absent without one. */
	phases?: Phase[];
	model: string;
	attributes: PromptAttributes;
	tracks: PlaylistTrack[];
	/** Null when the LLM did its part; else why it didn't. */
	degraded: DegradedReason | null;
	/** LLM suggestions that were not found on Spotify (or were duplicates), never shown. */
	dropped: number;
	timingsMs: Record<Stage, number>;
	createdAt: string;
	/** Verified candidates left out, in order: what a list is refilled from when tracks are removed. */
	spare?: PlaylistTrack[];
	/** A personal playlist's note (from your taste, new to me, extending a playlist); absent on any other. */
	personal?: PersonalNote;
}

/** A result kept so its buttons work later: Save, Regenerate, Refine and the rest find it by `id`. */
export interface PlaylistDraft extends PlaylistResult {
	id: string;
	/** The first version's id: the versions of one message share it. Absent on drafts from before versions. */
	threadId?: string;
	/** What made this version from the one before, as shown under the title ("Refined: less rap"). */
	change?: string | null;
}
