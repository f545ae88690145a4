import { normalizeArtist } from '../pipeline/normalize.js';
import { TOP_ARTISTS_TTL_MS } from './listenerRecords.js';
import type { PersonalDeps } from './personalDeps.js';

// The listener's taste as search seeds: their top artists and the artists of their top tracks (medium term, about
// the last six months), most listened first, kept a day per user. Only the names are kept.

/** Asked of each list: enough to find ten different artists. */
const TOP_ASKED = 20;
/** Artists searched per taste playlist: one search each (two when the genre finds nothing). */
export const TASTE_ARTISTS_MAX = 10;

/** Top artists and top tracks' artists taken in turn, each artist once. */
export function mergeRanked(artists: string[], trackArtists: string[]): string[] {
	const seen = new Set<string>();
	const merged: string[] = [];
	for (let index = 0; index < Math.max(artists.length, trackArtists.length); index++) {
		for (const name of [artists[index], trackArtists[index]]) {
			const key = name === undefined ? '' : normalizeArtist(name);
			if (name === undefined || key === '' || seen.has(key)) continue;
			seen.add(key);
			merged.push(name);
		}
	}
	return merged;
}

export async function tasteArtists(deps: PersonalDeps, userId: string): Promise<string[]> {
	const cached = await deps.records.topArtists.get(userId);
	if (cached) return cached.artists;
	const [artists, trackArtists] = await deps.links.withUserToken(userId, (token) =>
		Promise.all([deps.listener.topArtists(token, TOP_ASKED), deps.listener.topTrackArtists(token, TOP_ASKED)]),
	);
	const merged = mergeRanked(artists, trackArtists).slice(0, TASTE_ARTISTS_MAX);
	await deps.records.topArtists.set(userId, { artists: merged }, TOP_ARTISTS_TTL_MS);
	return merged;
}
