import { assemblePlaylist, type AssembleInput } from './assemblePlaylist.js';
import type { PlaylistTrack } from '../spotify/track.js';

/**
 * The playlist while the LLM's picks are still being verified: the seeds the final list will hold when the LLM
 * fills its half, with the picks settled so far in the places they will have. It grows by one track per pick and
 * never passes the list's size; the final list is assembled from everything once the picks are in.
 */
export function previewPlaylist(input: AssembleInput, expectedLength: number): PlaylistTrack[] {
	return assemblePlaylist({ ...input, maxSeeds: Math.ceil(expectedLength / 2) }).tracks;
}
