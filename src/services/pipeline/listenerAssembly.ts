import { assemblePlaylist, type AssembleInput, type Assembly } from './assemblePlaylist.js';
import { storedTrack } from './cachedCatalog.js';
import type { ListenerSeed } from './listenerSeeds.js';
import { SPARE_MAX } from './refillPlaylist.js';
import type { PlaylistTrack } from '../spotify/track.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST, type TrackFilter } from './trackFilter.js';

// A personal list: the listener's own seeds take their share of it (TASTE_SHARE, of the count or of the duration),
// spread evenly through it, and the prompt's seeds and the LLM's picks the rest, assembled as any list is (to its
// duration and arc, if any). The artist cap holds over all.

export interface ListenerAssemblyInput extends AssembleInput {
	mine: ListenerSeed[];
	/** The part of the list the listener's seeds get, at most (0 to 1). */
	share: number;
	/** While picks still arrive: about how many tracks the list will hold (seeds that would stand in are held back). */
	expected?: number;
}

const fromListenerSeed = (seed: ListenerSeed): PlaylistTrack => ({
	...storedTrack(seed),
	source: 'seed',
	reason: seed.reason,
});

const totalMs = (tracks: PlaylistTrack[]) => tracks.reduce((sum, track) => sum + track.durationMs, 0);

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

/** Whether a list of `tracks` still wants more: short of its count, or of its duration. */
function wantsMore(input: AssembleInput, tracks: PlaylistTrack[], share = 1): boolean {
	const share01 = Math.min(1, Math.max(0, share));
	if (input.targetMs) return tracks.length < input.length && totalMs(tracks) < input.targetMs * share01;
	return tracks.length < Math.round(input.length * share01);
}

/** Takes `candidates` through `filter` while the list wants more; the rest (not repeats) stay spare. */
function takeWhile(filter: TrackFilter, candidates: PlaylistTrack[], wants: (taken: PlaylistTrack[]) => boolean) {
	const taken: PlaylistTrack[] = [];
	const left: PlaylistTrack[] = [];
	for (const track of candidates) {
		if (!wants(taken)) left.push(track);
		else if (filter.take(track) === 'taken') taken.push(track);
		else left.push(track);
	}
	return { taken, left };
}

export function assembleForListener(input: ListenerAssemblyInput): Assembly {
	const share = takeWhile(createTrackFilter(MAX_TRACKS_PER_ARTIST), input.mine.map(fromListenerSeed), (taken) =>
		wantsMore(input, taken, input.share),
	);
	const { taken } = share;
	const restLength = Math.max(0, input.length - taken.length);
	const rest = assemblePlaylist({
		...input,
		taken,
		length: restLength,
		targetMs: input.targetMs ? Math.max(0, input.targetMs - totalMs(taken)) : input.targetMs,
		maxSeeds: input.expected === undefined ? input.maxSeeds : Math.ceil((input.expected - taken.length) / 2),
	});
	const tracks = spread(taken, rest.tracks);
	// Too few other candidates: more of the listener's own fill the list, still under the cap. Not while picks may
	// still come, or the preview would show tracks the final list leaves out.
	if (input.expected !== undefined || !wantsMore(input, tracks)) {
		return { ...rest, tracks, spare: [...rest.spare, ...share.left].slice(0, SPARE_MAX) };
	}
	const filter = createTrackFilter(MAX_TRACKS_PER_ARTIST);
	for (const track of tracks) filter.take(track);
	const more = takeWhile(filter, share.left, (added) => wantsMore(input, [...tracks, ...added]));
	return { ...rest, tracks: [...tracks, ...more.taken], spare: [...rest.spare, ...more.left].slice(0, SPARE_MAX) };
}
