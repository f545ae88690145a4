import { assemblePlaylist, type Assembly } from './assemblePlaylist.js';
import { storedTrack } from './cachedCatalog.js';
import type { ListenerSeed } from './listenerSeeds.js';
import { refillPlaylist, SPARE_MAX } from './refillPlaylist.js';
import type { VerifiedPick } from './refineWithLlm.js';
import type { SeedTrack } from './seedTracks.js';
import type { PlaylistTrack } from '../spotify/track.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST } from './trackFilter.js';

// A personal list: the listener's own seeds take their share of it (TASTE_SHARE), spread evenly through the list,
// and the prompt's seeds and the LLM's picks the rest, interleaved as in any list. The artist cap holds over all.

export interface ListenerAssemblyInput {
	mine: ListenerSeed[];
	seeds: SeedTrack[];
	picks: VerifiedPick[];
	length: number;
	/** The part of the list the listener's seeds get, at most (0 to 1). */
	share: number;
	/** While picks still arrive: seeds that would stand in for missing picks are held back, as previewPlaylist does. */
	preview?: boolean;
}

const fromListenerSeed = (seed: ListenerSeed): PlaylistTrack => ({
	...storedTrack(seed),
	source: 'seed',
	reason: seed.reason,
});

/** `mine` spread evenly among `others`: with a third of the list, every third track from the second on. */
export function spread<T>(mine: T[], others: T[]): T[] {
	const total = mine.length + others.length;
	const result: T[] = [];
	let [nextMine, nextOther] = [0, 0];
	for (let slot = 0; slot < total; slot++) {
		const due = Math.floor(((nextMine + 0.5) * total) / Math.max(1, mine.length)) <= slot;
		if (nextMine < mine.length && (due || nextOther >= others.length)) result.push(mine[nextMine++] as T);
		else result.push(others[nextOther++] as T);
	}
	return result;
}

/** The listener's tracks for their share, under the cap; the rest of theirs, not repeats, as spares. */
function takeShare(input: ListenerAssemblyInput) {
	const wanted = Math.round(input.length * Math.min(1, Math.max(0, input.share)));
	const filter = createTrackFilter(MAX_TRACKS_PER_ARTIST);
	const taken: PlaylistTrack[] = [];
	const left: PlaylistTrack[] = [];
	for (const seed of input.mine) {
		const track = fromListenerSeed(seed);
		if (taken.length >= wanted) left.push(track);
		else if (filter.take(track) === 'taken') taken.push(track);
		else left.push(track);
	}
	return { taken, left };
}

export function assembleForListener(input: ListenerAssemblyInput): Assembly {
	const { taken, left } = takeShare(input);
	const restLength = Math.max(0, input.length - taken.length);
	const rest = assemblePlaylist({
		seeds: input.seeds,
		picks: input.picks,
		length: restLength,
		taken,
		maxSeeds: input.preview ? Math.ceil(restLength / 2) : undefined,
	});
	const tracks = spread(taken, rest.tracks);
	// Too few other candidates: more of the listener's own fill the list, still under the cap. Not while picks may
	// still come, or the preview would show tracks the final list leaves out.
	if (input.preview || tracks.length >= input.length) {
		return { ...rest, tracks, spare: [...rest.spare, ...left].slice(0, SPARE_MAX) };
	}
	const filled = refillPlaylist(tracks, left, input.length);
	return { ...rest, tracks: filled.tracks, spare: [...rest.spare, ...filled.spare].slice(0, SPARE_MAX) };
}
