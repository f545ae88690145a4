import { assemblePlaylist, type Assembly } from './assemblePlaylist.js';
import type { PromptAttributes } from './attributes.js';
import type { PersonalNote } from './personalization.js';
import { previewPlaylist } from './previewPlaylist.js';
import type { VerifiedPick } from './refineWithLlm.js';
import { seedTracks, type SeedTrack } from './seedTracks.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { PlaylistTrack } from '../spotify/track.js';
import type { Verify } from './verifiedSuggestions.js';

// Where a list's candidates come from and how they become the list: from the prompt's searches alone, or with a
// listener's own seeds and exclusions (personalPlan.ts). Either way the LLM is shown only the prompt's searches.

export interface SeedPlan {
	/** The prompt's own search results, as a run without personal options finds them: all the LLM may be shown. */
	shown: SeedTrack[];
	/** The list while the LLM's picks arrive: the seeds that stay, with the picks so far in their final places. */
	preview(picks: VerifiedPick[]): PlaylistTrack[];
	/** The final list from every verified pick. */
	assemble(picks: VerifiedPick[]): Assembly;
	/** How this plan checks suggestions (a personal one also learns which it must leave out). */
	verify(verify: Verify): Verify;
	/** What a personal playlist's result notes about its listener; undefined for any other. */
	note(picks: VerifiedPick[]): PersonalNote | undefined;
}

export type PlanSeeds = (catalog: SpotifyCatalog, attributes: PromptAttributes, length: number) => Promise<SeedPlan>;

/** A playlist from the prompt alone: its searches, then LLM picks interleaved with them. */
export const planFromPrompt: PlanSeeds = async (catalog, attributes, length) => {
	const found = await seedTracks(catalog, attributes, Math.ceil(length * 1.5));
	return {
		shown: found,
		preview: (picks) => previewPlaylist(found, picks, length),
		assemble: (picks) => assemblePlaylist({ seeds: found, picks, length }),
		verify: (verify) => verify,
		note: () => undefined,
	};
};
