import { z } from 'zod';

/** A Spotify track as the bot keeps it: plain data, only what it shows or saves. */
export interface Track {
	id: string;
	uri: string;
	name: string;
	artists: string[];
	album: string;
	imageUrl: string | null;
	url: string;
	durationMs: number;
}

export interface PlaylistTrack extends Track {
	source: 'seed' | 'llm';
	/** Why it is in the list: the LLM's reason for a pick, the search that found a seed. */
	reason: string | null;
	/** A pick as the LLM named it ("title — artist"): what it may be shown again when catalog titles may not be. */
	suggestedAs?: string;
	/** In a list that follows an energy arc, the phase it belongs to ("warm-up"); the list is ordered by phase. */
	phase?: string | undefined;
}

// Spotify's track object, reduced to the fields we read. Anything else it sends is ignored.
const SPOTIFY_TRACK_SCHEMA = z.object({
	id: z.string().min(1),
	uri: z.string().startsWith('spotify:track:'),
	name: z.string(),
	artists: z.array(z.object({ name: z.string() })).min(1),
	album: z.object({
		name: z.string(),
		images: z.array(z.object({ url: z.string(), width: z.number().nullish() })).default([]),
	}),
	duration_ms: z.number().int().nonnegative(),
	external_urls: z.object({ spotify: z.string().optional() }).default({}),
	is_local: z.boolean().optional(),
});

export const SPOTIFY_SEARCH_SCHEMA = z.object({
	tracks: z.object({
		// Spotify puts null in items now and then; drop those rather than fail the search.
		items: z.array(z.unknown()),
		total: z.number().int().nonnegative(),
	}),
});

function largestImage(images: { url: string; width?: number | null | undefined }[]): string | null {
	const sorted = [...images].sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
	return sorted[0]?.url ?? null;
}

/** Reads one raw search item; null when it is not a usable catalog track. */
export function parseSpotifyTrack(raw: unknown): Track | null {
	const parsed = SPOTIFY_TRACK_SCHEMA.safeParse(raw);
	if (!parsed.success || parsed.data.is_local) return null;
	const track = parsed.data;
	return {
		id: track.id,
		uri: track.uri,
		name: track.name,
		artists: track.artists.map((artist) => artist.name),
		album: track.album.name,
		imageUrl: largestImage(track.album.images),
		url: `https://open.spotify.com/track/${encodeURIComponent(track.id)}`,
		durationMs: track.duration_ms,
	};
}
