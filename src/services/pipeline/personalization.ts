import type { Track } from '../spotify/track.js';

// What a personal playlist knows about its listener, as plain data handed to the pipeline: used to search, leave
// tracks out and order the list, and never put into an LLM request (the LLM sees only what the same prompt without
// these options would show it).

/** An artist whose tracks get a share of the list, with the reason "Why these?" gives for them. */
export interface ListenerArtist {
	name: string;
	/** e.g. "from your taste: Artist". */
	reason: string;
}

/** The playlist "extend my playlist" adds to: enough to show its name and add the tracks, nothing of its contents. */
export interface ExtendedPlaylist {
	playlistId: string;
	name: string;
	url: string;
}

/** What a personal playlist's result remembers: what the footer says, and what Regenerate and Add need. */
export interface PersonalNote {
	/** Made with the listener's top artists among its seeds. */
	taste: boolean;
	/** New to me: how many saved tracks the list would have held and left out; null when not asked for. */
	skipped: number | null;
	/** The playlist the new tracks are for; null when not extending one. */
	extend: ExtendedPlaylist | null;
}

export interface Personalization {
	/** The listener's top artists, or the extended playlist's: their tracks become seeds of their own. */
	artists: ListenerArtist[];
	/** The part of the list those seeds get, at most (TASTE_SHARE). */
	share: number;
	/** Tracks the list must not hold (the extended playlist's), by id and by song. */
	exclude: Track[];
	/** Which of `uris` the listener has saved, batched by the caller; absent: saved tracks may stay. */
	savedAmong?: (uris: string[]) => Promise<Set<string>>;
	/** The note the result carries; `skipped` is filled in by the run. */
	note: PersonalNote;
}
