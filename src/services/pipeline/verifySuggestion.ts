import { seenTracksOf } from './cachedCatalog.js';
import { cleanTitle, normalizeArtist, normalizeTitle } from './normalize.js';
import { quoteFilterValue, type SpotifyCatalog } from '../spotify/catalog.js';
import type { Track } from '../spotify/track.js';

export interface Suggestion {
	title: string;
	artist: string;
	reason: string;
}

/** True when Spotify's track is the suggested song: same normalized title, one artist the same. */
export function matchesSuggestion(track: Track, suggestion: Suggestion): boolean {
	if (normalizeTitle(track.name) !== normalizeTitle(suggestion.title)) return false;
	const wanted = normalizeArtist(suggestion.artist);
	return track.artists.some((artist) => normalizeArtist(artist) === wanted);
}

/** The Spotify track the LLM meant, or null when it does not exist (a hallucination). */
export async function verifySuggestion(catalog: SpotifyCatalog, suggestion: Suggestion): Promise<Track | null> {
	const title = cleanTitle(suggestion.title);
	if (!title || !suggestion.artist.trim()) return null;
	// A song a search page showed lately is on Spotify: no search of its own needed.
	const seen = seenTracksOf(catalog)?.find(suggestion.title, suggestion.artist);
	if (seen && matchesSuggestion(seen, suggestion)) return seen;
	const query = `track:${quoteFilterValue(title)} artist:${quoteFilterValue(suggestion.artist)}`;
	const page = await catalog.searchTracks(query, { limit: 5, offset: 0 });
	return page.tracks.find((track) => matchesSuggestion(track, suggestion)) ?? null;
}
