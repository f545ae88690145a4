import type { ListenerArtist, Personalization } from '../pipeline/personalization.js';
import { normalizeArtist } from '../pipeline/normalize.js';
import type { Track } from '../spotify/track.js';
import { createLibraryLookup } from './libraryLookup.js';
import type { PersonalDeps } from './personalDeps.js';
import { TASTE_ARTISTS_MAX, tasteArtists } from './tasteArtists.js';
import type { UserPlaylists } from './userPlaylists.js';

// What one personal playlist knows about its listener, read from Spotify with their token: the artists of their taste
// or of the playlist they extend, that playlist's tracks (to leave out), and their library (new to me), checked as
// the run goes. It lives as long as the run; what is kept longer is in listenerRecords.ts.

/** The options of /playlist that make a playlist personal. */
export interface PersonalOptions {
	/** From my taste. */
	taste: boolean;
	/** New to me: leave out tracks in their library. */
	newToMe: boolean;
	/** Extend my playlist: the playlist as the command got it (an id from autocomplete, a link or a name). */
	extend: string | null;
}

/** The playlist's artists, most tracks first (the first credited artist of each). */
export function playlistArtists(tracks: Track[]): string[] {
	const counts = new Map<string, { name: string; count: number }>();
	for (const track of tracks) {
		const name = track.artists[0];
		if (!name) continue;
		const entry = counts.get(normalizeArtist(name)) ?? { name, count: 0 };
		entry.count++;
		counts.set(normalizeArtist(name), entry);
	}
	return [...counts.values()].sort((a, b) => b.count - a.count).map((entry) => entry.name);
}

async function extended(playlists: UserPlaylists, userId: string, value: string) {
	const playlist = await playlists.resolve(userId, value);
	const tracks = await playlists.tracks(userId, playlist.playlistId);
	const artists = playlistArtists(tracks).map((name) => ({ name, reason: `from your playlist: ${name}` }));
	return { playlist, tracks, artists };
}

/** Two ranked lists taken in turn, at most TASTE_ARTISTS_MAX. */
function takeTurns(first: ListenerArtist[], second: ListenerArtist[]): ListenerArtist[] {
	const length = Math.max(first.length, second.length);
	const turns = Array.from({ length }, (_, index) => [first[index], second[index]]).flat();
	return turns.filter((artist): artist is ListenerArtist => artist !== undefined).slice(0, TASTE_ARTISTS_MAX);
}

export async function personalize(
	deps: PersonalDeps,
	playlists: UserPlaylists,
	request: { userId: string; options: PersonalOptions },
): Promise<Personalization> {
	const { userId, options } = request;
	const [taste, extending] = await Promise.all([
		options.taste ? tasteArtists(deps, userId) : [],
		options.extend ? extended(playlists, userId, options.extend) : null,
	]);
	const tasteSeeds = taste.map((name) => ({ name, reason: `from your taste: ${name}` }));
	const check = (uris: string[]) =>
		deps.links.withUserToken(userId, (token) => deps.listener.libraryContains(token, uris));
	return {
		artists: takeTurns(tasteSeeds, extending?.artists ?? []),
		share: deps.share,
		exclude: extending?.tracks ?? [],
		savedAmong: options.newToMe ? createLibraryLookup(check) : undefined,
		note: { taste: options.taste, skipped: null, extend: extending?.playlist ?? null },
	};
}
