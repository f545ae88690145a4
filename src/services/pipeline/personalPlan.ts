import { assembleForListener } from './listenerAssembly.js';
import { listenerSeeds, type ListenerSeed } from './listenerSeeds.js';
import { createLeftOut, type LeftOut } from './leftOut.js';
import type { Personalization } from './personalization.js';
import type { VerifiedPick } from './refineWithLlm.js';
import type { AssembleInput } from './assemblePlaylist.js';
import { seedsWanted, type PlanSeeds } from './seedPlan.js';
import { seedTracks, type SeedTrack } from './seedTracks.js';
import type { Track } from '../spotify/track.js';

// A personal playlist's plan: the listener's artists add seeds of their own, and tracks the listener has saved (new
// to me) or the extended playlist holds are left out before anything is shown, the list refilled to its length from
// deeper searches. The LLM is shown exactly what the same prompt alone would show it: the prompt's searches before
// any filtering, so nothing about the listener (not even which tracks went missing) reaches it.

/**
 * The prompt's seeds: `found` as a run without personal options finds them (what the LLM may see), `searched` deeper
 * when leaving tracks out made them too few for the list, and `usable`, what of `searched` may be in it.
 */
async function promptSeeds(
	search: (want: number) => Promise<SeedTrack[]>,
	leftOut: LeftOut,
	counts: { want: number; length: number },
): Promise<{ found: SeedTrack[]; searched: SeedTrack[]; usable: SeedTrack[] }> {
	const { want, length } = counts;
	const found = await search(want);
	await leftOut.learn(found);
	const usable = found.filter(leftOut.allows);
	// Deeper only when what is left could not fill the list by itself (the LLM may fail): a few tracks left out
	// keep the order of the rest, as the same prompt without the option would have it.
	if (usable.length >= length || usable.length === found.length) return { found, searched: found, usable };
	const deeper = await search(want + (found.length - usable.length) * 2);
	await leftOut.learn(deeper);
	return { found, searched: deeper, usable: deeper.filter(leftOut.allows) };
}

/** The plan of a playlist for one listener; none of what it holds about them goes into an LLM request. */
export function planForListener(personal: Personalization): PlanSeeds {
	return async (catalog, attributes, expected) => {
		const leftOut = createLeftOut(personal);
		const counts = { want: seedsWanted(expected), length: expected };
		const [seeds, mine] = await Promise.all([
			promptSeeds((count) => seedTracks(catalog, attributes, count), leftOut, counts),
			listenerSeeds(catalog, personal.artists, attributes).then(async (found) => {
				await leftOut.learn(found);
				return found;
			}),
		]);
		const keep = <T extends Track>(tracks: T[], savedToo = false) =>
			tracks.filter((track) => !leftOut.inPlaylist(track) && (savedToo || !leftOut.isSaved(track)));
		const keptPicks = (picks: VerifiedPick[], savedToo = false) =>
			picks.filter((pick) => !leftOut.inPlaylist(pick.track) && (savedToo || !leftOut.isSaved(pick.track)));
		const mineKept = keep<ListenerSeed>(mine);
		const listFrom = (input: AssembleInput) => ({ ...input, mine: mineKept, share: personal.share });
		return {
			shown: seeds.found,
			seeds: seeds.usable,
			preview: (input, count) =>
				assembleForListener({ ...listFrom(input), picks: keptPicks(input.picks), expected: count }).tracks,
			assemble: (input) => assembleForListener({ ...listFrom(input), picks: keptPicks(input.picks) }),
			// A pick settles only once the library says whether it stays, so the preview never shows one that goes.
			verify: (verify) => async (suggestion) => {
				const track = await verify(suggestion);
				if (track) await leftOut.learn([track]);
				return track;
			},
			note: (input) => {
				if (!personal.savedAmong) return { ...personal.note, skipped: null };
				// How many saved tracks the list would have held: the same assembly with them left in.
				const all = { mine: keep(mine, true), seeds: keep(seeds.searched, true), picks: keptPicks(input.picks, true) };
				const wouldHold = assembleForListener({ ...listFrom(input), ...all }).tracks;
				return { ...personal.note, skipped: wouldHold.filter(leftOut.isSaved).length };
			},
		};
	};
}
