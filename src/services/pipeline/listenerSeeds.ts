import type { PromptAttributes } from './attributes.js';
import { normalizeArtist } from './normalize.js';
import type { ListenerArtist } from './personalization.js';
import { quoteFilterValue, SPOTIFY_SEARCH_MAX_LIMIT, type SpotifyCatalog } from '../spotify/catalog.js';
import type { Track } from '../spotify/track.js';

// The listener's artists as seeds: an `artist:` search with the prompt's first genre where that still finds tracks,
// else the artist alone. Spotify no longer returns an artist's genres and its `genre:` filter misses many artists,
// so whether an artist fits is learned from what the search finds; artists that fit the genre come first.

/** A track by one of the listener's artists, with the reason it is in the list. */
export interface ListenerSeed extends Track {
	reason: string;
}

interface ArtistTracks {
	tracks: ListenerSeed[];
	inGenre: boolean;
}

const FIRST_PAGE = { limit: SPOTIFY_SEARCH_MAX_LIMIT, offset: 0 };

async function searchArtist(catalog: SpotifyCatalog, artist: ListenerArtist, genre: string | undefined) {
	// `artist:` matches loosely ("Ana" finds "Anastasia") and finds features too: keep the artist's own tracks, where
	// they come first, as the artist cap counts them.
	const name = normalizeArtist(artist.name);
	const own = (tracks: Track[]): ListenerSeed[] =>
		tracks
			.filter((track) => normalizeArtist(track.artists[0] ?? '') === name)
			.map((track) => ({ ...track, reason: artist.reason }));
	const byArtist = `artist:${quoteFilterValue(artist.name)}`;
	if (genre) {
		const inGenre = own(
			(await catalog.searchTracks(`${byArtist} genre:${quoteFilterValue(genre)}`, FIRST_PAGE)).tracks,
		);
		if (inGenre.length > 0) return { tracks: inGenre, inGenre: true };
	}
	return { tracks: own((await catalog.searchTracks(byArtist, FIRST_PAGE)).tracks), inGenre: false };
}

/** First track of each artist, then the second of each…: one artist's tracks don't crowd out the others. */
function interleave(groups: ArtistTracks[]): ListenerSeed[] {
	const longest = Math.max(0, ...groups.map((group) => group.tracks.length));
	return Array.from({ length: longest }, (_, index) => groups.flatMap((group) => group.tracks[index] ?? [])).flat();
}

/** Tracks of `artists`, those that fit the prompt's genre first, in the artists' order. */
export async function listenerSeeds(
	catalog: SpotifyCatalog,
	artists: ListenerArtist[],
	attributes: PromptAttributes,
): Promise<ListenerSeed[]> {
	const found = await Promise.all(artists.map((artist) => searchArtist(catalog, artist, attributes.genres[0])));
	return [
		...interleave(found.filter((group) => group.inGenre)),
		...interleave(found.filter((group) => !group.inGenre)),
	];
}
