import type { PlaylistResult } from '../pipeline/playlistTypes.js';
import type { Collection, Store } from '../store/createStore.js';

// What the personal features keep about a listener, each under their Discord id so it is found and deleted at once
// (Delete my data, /unlink-spotify): their top artists' names for a day, their playlists for a few minutes (for
// autocomplete), and their taste playlists' results for the playlist cache's lifetime.

export const TOP_ARTISTS_TTL_MS = 24 * 60 * 60 * 1000;
/** Long enough for the keystrokes of one /playlist, short enough that a new playlist shows up soon. */
export const PLAYLISTS_TTL_MS = 2 * 60 * 1000;
/** Taste playlists kept per user: the last few prompts. */
const TASTE_RESULTS_MAX = 5;

/** A playlist of the listener's as autocomplete offers it: no owner, no contents. */
export interface KnownPlaylist {
	id: string;
	name: string;
	url: string;
	/** They own it or collaborate on it: the only playlists they may extend. */
	editable: boolean;
}

interface TasteResults {
	entries: { key: string; expiresAt: number; result: PlaylistResult }[];
}

export interface ListenerRecords {
	topArtists: Collection<{ artists: string[] }>;
	playlists: Collection<{ playlists: KnownPlaylist[] }>;
	getTasteResult(userId: string, key: string): Promise<PlaylistResult | undefined>;
	setTasteResult(userId: string, key: string, result: PlaylistResult, ttlMs: number): Promise<void>;
	/** What is kept about the user: whether their top artists and playlists are, and how many taste results. */
	summarize(userId: string): Promise<{ topArtists: boolean; playlists: boolean; tastePlaylists: number }>;
	/** Deletes all of it; true when anything was kept. */
	forget(userId: string): Promise<boolean>;
}

export function createListenerRecords(store: Pick<Store, 'collection'>, now = Date.now): ListenerRecords {
	const topArtists = store.collection<{ artists: string[] }>('listener-top');
	const playlists = store.collection<{ playlists: KnownPlaylist[] }>('listener-playlists');
	const taste = store.collection<TasteResults>('taste-playlist');
	const liveTaste = async (userId: string) =>
		((await taste.get(userId))?.entries ?? []).filter((entry) => entry.expiresAt > now());
	return {
		topArtists,
		playlists,
		getTasteResult: async (userId, key) => (await liveTaste(userId)).find((entry) => entry.key === key)?.result,
		async setTasteResult(userId, key, result, ttlMs) {
			const others = (await liveTaste(userId)).filter((entry) => entry.key !== key);
			const entries = [...others, { key, expiresAt: now() + ttlMs, result }].slice(-TASTE_RESULTS_MAX);
			await taste.set(userId, { entries }, Math.max(...entries.map((entry) => entry.expiresAt)) - now());
		},
		summarize: async (userId) => ({
			topArtists: (await topArtists.get(userId)) !== undefined,
			playlists: (await playlists.get(userId)) !== undefined,
			tastePlaylists: (await liveTaste(userId)).length,
		}),
		async forget(userId) {
			const deleted = await Promise.all([topArtists.delete(userId), playlists.delete(userId), taste.delete(userId)]);
			return deleted.some(Boolean);
		},
	};
}
