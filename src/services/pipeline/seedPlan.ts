import { assemblePlaylist, type AssembleInput, type Assembly } from './assemblePlaylist.js';
import type { PromptAttributes } from './attributes.js';
import type { PersonalNote } from './personalization.js';
import { previewPlaylist } from './previewPlaylist.js';
import { seedTracks, type SeedTrack } from './seedTracks.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { PlaylistTrack } from '../spotify/track.js';
import type { Verify } from './verifiedSuggestions.js';

// Where a list's candidates come from and how they become the list: from the prompt's searches alone, or with a
// listener's own seeds and exclusions (personalPlan.ts). Either way the LLM is shown only the prompt's searches.

export interface SeedPlan {
	/** The prompt's own search results, as a run without personal options finds them: all the LLM may be shown. */
	shown: SeedTrack[];
	/** The prompt's search results the list may hold: `shown`, less what a personal playlist leaves out. */
	seeds: SeedTrack[];
	/** The list while the LLM's picks arrive (about `expected` tracks in the end), as previewPlaylist makes it. */
	preview(input: AssembleInput, expected: number): PlaylistTrack[];
	/** The final list from every verified pick. */
	assemble(input: AssembleInput): Assembly;
	/** How this plan checks suggestions (a personal one also learns which it must leave out). */
	verify(verify: Verify): Verify;
	/** What a personal playlist's result notes about its listener; undefined for any other. */
	note(input: AssembleInput): PersonalNote | undefined;
}

/** Finds the seeds for a list of about `expected` tracks. */
export type PlanSeeds = (catalog: SpotifyCatalog, attributes: PromptAttributes, expected: number) => Promise<SeedPlan>;

/** Seeds sought per track expected: a margin for the artist cap and repeats. */
export const seedsWanted = (expected: number) => Math.ceil(expected * 1.5);

/** A playlist from the prompt alone: its searches, then LLM picks interleaved with them. */
export const planFromPrompt: PlanSeeds = async (catalog, attributes, expected) => {
	const found = await seedTracks(catalog, attributes, seedsWanted(expected));
	return {
		shown: found,
		seeds: found,
		preview: previewPlaylist,
		assemble: assemblePlaylist,
		verify: (verify) => verify,
		note: () => undefined,
	};
};
