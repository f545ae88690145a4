import type { VerifiedPick } from './refineWithLlm.js';
import type { PlaylistTrack, Track } from '../spotify/track.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST } from './trackFilter.js';

export interface AssembleInput {
	seeds: Track[];
	picks: VerifiedPick[];
	length: number;
	maxPerArtist?: number;
	/** At most this many seeds (a preview holds back the seeds that would fill in for missing picks). */
	maxSeeds?: number;
}

export interface Assembly {
	tracks: PlaylistTrack[];
	/** LLM picks left out as repeats of a track already in the list. */
	duplicatePicks: number;
}

/**
 * Exactly `length` tracks when the candidates allow: LLM picks interleaved with catalog seeds, no
 * repeated track id or song (title + first artist), at most `maxPerArtist` per artist.
 */
export function assemblePlaylist(input: AssembleInput): Assembly {
	const filter = createTrackFilter(input.maxPerArtist ?? MAX_TRACKS_PER_ARTIST);
	const tracks: PlaylistTrack[] = [];
	let duplicatePicks = 0;

	const tryAdd = (track: Track, source: PlaylistTrack['source'], reason: string | null): boolean => {
		const result = filter.take(track);
		if (result === 'repeat' && source === 'llm') duplicatePicks++;
		if (result !== 'taken') return false;
		tracks.push({ ...track, source, reason });
		return true;
	};

	// Seed, pick, seed, pick…; a turn passes only once a track was added. When one kind runs out,
	// the other fills the rest.
	const seeds = [...input.seeds];
	const picks = [...input.picks];
	let seedsLeft = input.maxSeeds ?? Infinity;
	const seedsOpen = () => seeds.length > 0 && seedsLeft > 0;
	let turn: 'seed' | 'llm' = 'seed';
	while (tracks.length < input.length && (seedsOpen() || picks.length > 0)) {
		const fromSeeds = turn === 'seed' ? seedsOpen() : picks.length === 0;
		if (fromSeeds) {
			const seed = seeds.shift();
			if (seed && tryAdd(seed, 'seed', null)) {
				seedsLeft--;
				turn = 'llm';
			}
		} else {
			const pick = picks.shift();
			if (pick && tryAdd(pick.track, 'llm', pick.reason)) turn = 'seed';
		}
	}
	return { tracks, duplicatePicks };
}
