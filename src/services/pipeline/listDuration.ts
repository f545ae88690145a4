import type { Track } from '../spotify/track.js';

// A list's length in time, as both the Discord reply and the terminal show it.

export function totalMs(tracks: Pick<Track, 'durationMs'>[]): number {
	return tracks.reduce((sum, track) => sum + track.durationMs, 0);
}

/** "46 min", "2 h 5 min": to the minute. */
export function formatDuration(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
