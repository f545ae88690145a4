import type { Context } from './context.js';
import { emptyListener, TIME_RANGES } from './listeners.js';
import { addPlaylist } from './playlists.js';
import type { ListenerSeed, PerTimeRange, SeededListener, SeedPlaylist, TimeRange } from './types.js';

// setListener: a test gives a user top artists and tracks, a library and playlists, all from the catalog. Unknown
// ids throw, so a mistyped seed fails the test where it is written instead of answering as an empty list.

export function setListener(ctx: Context, userId: string, seed: ListenerSeed): SeededListener {
	if (!ctx.users.some((user) => user.id === userId)) throw new Error(`Unknown stand-in user ${userId}`);
	const listener = ctx.listeners.get(userId) ?? emptyListener();
	const artistKnown = (id: string) => ctx.catalog.findArtist(id) !== undefined;
	const trackKnown = (id: string) => ctx.catalog.findTrack(id) !== undefined;
	if (seed.topArtists) listener.topArtistIds = perRange(seed.topArtists, artistKnown, 'artist');
	if (seed.topTracks) listener.topTrackIds = perRange(seed.topTracks, trackKnown, 'track');
	if (seed.savedTrackIds) {
		const ids = checked(seed.savedTrackIds, trackKnown, 'track');
		listener.saved = new Set(ids.map((id) => `spotify:track:${id}`));
	}
	ctx.listeners.set(userId, listener);
	// /v1/me/playlists lists newest first: adding the seeds last to first lists them in the order given.
	const seeds = seed.playlists ?? [];
	const ids = [...seeds].reverse().map((playlist) => seedPlaylist(ctx, userId, playlist, trackKnown));
	return { playlistIds: ids.reverse() };
}

function perRange(lists: PerTimeRange, known: (id: string) => boolean, what: string): Record<TimeRange, string[]> {
	const listFor = (range: TimeRange) => (Array.isArray(lists) ? lists : (lists[range] ?? []));
	const entries = TIME_RANGES.map((range) => [range, checked(listFor(range), known, what)]);
	return Object.fromEntries(entries) as Record<TimeRange, string[]>;
}

function checked(ids: string[], known: (id: string) => boolean, what: string): string[] {
	const unknown = ids.find((id) => !known(id));
	if (unknown !== undefined) throw new Error(`No catalog ${what} ${unknown}`);
	return [...ids];
}

function seedPlaylist(ctx: Context, userId: string, seed: SeedPlaylist, known: (id: string) => boolean): string {
	const collaborative = seed.collaborative ?? false;
	const isPublic = seed.public ?? !collaborative;
	if (collaborative && isPublic)
		throw new Error(`Playlist ${seed.name}: Spotify has no public collaborative playlists`);
	const ownerId = seed.ownerId ?? userId;
	const playlist = addPlaylist(ctx, {
		ownerId,
		name: seed.name,
		description: seed.description ?? null,
		public: isPublic,
		collaborative,
		uris: checked(seed.trackIds ?? [], known, 'track').map((id) => `spotify:track:${id}`),
		followerIds: ownerId === userId ? [] : [userId],
	});
	return playlist.id;
}
