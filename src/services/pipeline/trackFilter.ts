import { normalizeArtist, songKey } from './normalize.js';
import type { Track } from '../spotify/track.js';

export const MAX_TRACKS_PER_ARTIST = 2;

/** Taken, or not: it repeats a taken one (same id, or same title and first artist), or its artist is full. */
export type TakeResult = 'taken' | 'repeat' | 'artist-full';

export interface TrackFilter {
	/** Takes `track` unless it repeats a taken one or its first artist has `maxPerArtist` taken already. */
	take(track: Track): TakeResult;
}

/** What a playlist may hold: no repeated track id or song (title + first artist), at most `maxPerArtist` per artist. */
export function createTrackFilter(maxPerArtist: number): TrackFilter {
	const seen = new Set<string>();
	const perArtist = new Map<string, number>();
	return {
		take(track) {
			const key = songKey(track.name, track.artists[0] ?? '');
			if (seen.has(track.id) || seen.has(key)) return 'repeat';
			const artist = normalizeArtist(track.artists[0] ?? '');
			const taken = perArtist.get(artist) ?? 0;
			if (taken >= maxPerArtist) return 'artist-full';
			seen.add(track.id).add(key);
			perArtist.set(artist, taken + 1);
			return 'taken';
		},
	};
}
