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

/**
 * The Spotify track the LLM meant, or null when it does not exist (a hallucination). With a market, the release
 * available there is preferred (Spotify answers with that market's version); the song is still found when it is
 * released elsewhere only, at the cost of a second search.
 */
export async function verifySuggestion(
	catalog: SpotifyCatalog,
	suggestion: Suggestion,
	market?: string,
): Promise<Track | null> {
	const title = cleanTitle(suggestion.title);
	if (!title || !suggestion.artist.trim()) return null;
	// A song a search page showed lately is on Spotify: no search of its own needed.
	const seen = seenTracksOf(catalog)?.find(suggestion.title, suggestion.artist);
	if (seen && matchesSuggestion(seen, suggestion)) return seen;
	const query = `track:${quoteFilterValue(title)} artist:${quoteFilterValue(suggestion.artist)}`;
	const find = async (inMarket: string | undefined) => {
		const page = await catalog.searchTracks(query, { limit: 5, offset: 0, market: inMarket });
		return page.tracks.find((track) => matchesSuggestion(track, suggestion)) ?? null;
	};
	return (await find(market)) ?? (market ? find(undefined) : null);
}
