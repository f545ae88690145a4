import type { PlaylistTrack } from '../spotify/track.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST } from './trackFilter.js';

/** Enough to refill the longest list twice over. */
export const SPARE_MAX = 100;

export interface Refill {
	tracks: PlaylistTrack[];
	/** Candidates not used and not repeats, in order. */
	spare: PlaylistTrack[];
}

/**
 * A list with some tracks taken out (null slots) filled back to `length`: each gap takes the next candidate that is
 * neither a repeat nor over the artist cap, in the place of the track it replaces and in its phase (`gapPhases`, in a
 * list that follows an arc); what is still missing goes last, in the last phase.
 */
export function refillPlaylist(
	slots: (PlaylistTrack | null)[],
	candidates: PlaylistTrack[],
	length: number,
	gapPhases: (string | undefined)[] = [],
): Refill {
	const filter = createTrackFilter(MAX_TRACKS_PER_ARTIST);
	for (const track of slots) if (track) filter.take(track);
	const queue = [...candidates];
	const overCap: PlaylistTrack[] = [];
	const next = (): PlaylistTrack | undefined => {
		for (let candidate = queue.shift(); candidate; candidate = queue.shift()) {
			const taken = filter.take(candidate);
			if (taken === 'taken') return candidate;
			if (taken === 'artist-full') overCap.push(candidate);
		}
		return undefined;
	};
	const inPhase = (track: PlaylistTrack | undefined, phase: string | undefined) =>
		track && phase !== undefined ? { ...track, phase } : track;
	const tracks: PlaylistTrack[] = [];
	slots.forEach((slot, index) => {
		const track = slot ?? inPhase(next(), gapPhases[index]);
		if (track) tracks.push(track);
	});
	while (tracks.length < length) {
		const track = inPhase(next(), tracks.at(-1)?.phase);
		if (!track) break;
		tracks.push(track);
	}
	return { tracks: tracks.slice(0, length), spare: [...overCap, ...queue].slice(0, SPARE_MAX) };
}
