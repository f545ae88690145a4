import { assemblePlaylist } from './assemblePlaylist.js';
import type { VerifiedPick } from './refineWithLlm.js';
import type { PlaylistTrack, Track } from '../spotify/track.js';

/**
 * The playlist while the LLM's picks are still being verified: the seeds the final list will hold when the LLM
 * fills its half, with the picks settled so far in the places they will have. It grows by one track per pick and
 * never passes `length`; the final list is assembled from everything once the picks are in.
 */
export function previewPlaylist(seeds: Track[], picks: VerifiedPick[], length: number): PlaylistTrack[] {
	return assemblePlaylist({ seeds, picks, length, maxSeeds: Math.ceil(length / 2) }).tracks;
}
