import type { PromptAttributes } from './attributes.js';
import { buildEnergyQueries } from './energyQueries.js';
import { findLanguage, sceneGenres, wordSearch } from './languages.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import { quoteFilterValue, SPOTIFY_SEARCH_MAX_LIMIT } from '../spotify/catalog.js';
import { createTrackFilter, MAX_TRACKS_PER_ARTIST } from './trackFilter.js';
import type { Track } from '../spotify/track.js';

// Spotify no longer returns artist genres or popularity, and `genre:` alone can come back thin,
// so several query shapes run at once and their results are merged round-robin. In a language the bot knows, the
// genres are searched as Spotify tags their scene in it ("rap français"), the word searches within that scene, all
// in that language's market.

export function buildSeedQueries(attributes: PromptAttributes): string[] {
	const { mood, era, language, keywords } = attributes;
	const genres = sceneGenres(attributes);
	const years = era ? ` year:${Math.min(era.from, era.to)}-${Math.max(era.from, era.to)}` : '';
	const queries = genres.map((genre) => `genre:${quoteFilterValue(genre)}${years}`);
	if (findLanguage(language)?.market) {
		queries.push(wordSearch(attributes, mood) + years);
		if (keywords.length > 0) queries.push(wordSearch(attributes, keywords.slice(0, 3).join(' ')));
	} else {
		queries.push([genres[0], mood, language].filter(Boolean).join(' ') + years);
		if (keywords.length > 0) queries.push(keywords.slice(0, 3).join(' '));
	}
	queries.push(...buildEnergyQueries(attributes).map((energyQuery) => energyQuery.query));
	return [...new Set(queries.map((query) => query.trim()).filter(Boolean))];
}

/** Wider queries, for when the filtered ones come back thin: no era, genre alone. */
export function buildRelaxedQueries(attributes: PromptAttributes): string[] {
	return sceneGenres(attributes).flatMap((genre) => [`genre:${quoteFilterValue(genre)}`, genre]);
}

/** In a language the bot knows, the word searches outside its scene: last of all, for a scene too small for the list. */
export function buildOutsideQueries(attributes: PromptAttributes): string[] {
	if (!findLanguage(attributes.language)?.market) return [];
	const [genre] = sceneGenres(attributes);
	return [`${genre} ${attributes.mood}`, attributes.keywords.slice(0, 3).join(' ')].filter((query) => query.trim());
}

/** A catalog track with the search that found it: the reason it is in a playlist. */
export interface SeedTrack extends Track {
	foundBy: string;
}

/**
 * `genre`: a genre alone (`genre:"jazz"`), asked by every prompt of that genre, so its pages come from the shared
 * cache after the genre's first prompt. `fallback`: the genre as free words, for when its `genre:` filter has run dry.
 * `specific`: the rest (era, mood, language, keywords), rarely asked the same way twice.
 */
type QueryKind = 'genre' | 'fallback' | 'specific';

interface QueryCursor {
	query: string;
	market: string | undefined;
	kind: QueryKind;
	offset: number;
	exhausted: boolean;
	found: Track[];
}

// Pages fetched per query and round, at once: a query's results often come clustered by artist. A genre alone is
// read deeper at once, as its pages are shared. The prompt's own queries are rarely asked twice, so each of their
// pages is a request of this playlist's: the first round takes one page of each, enough for their share beside the
// genre's, and they are read on, two pages a round, only when no genre query is left to read.
const PAGES_PER_ROUND = 2;
const GENRE_PAGES_PER_ROUND = 5;
const SPECIFIC_PAGES_FIRST_ROUND = 1;
// Eight: the prompt's own queries are read on only once the genre ones run dry, and a list of 100 can need them.
const MAX_ROUNDS = 8;
// Spotify answers offsets up to 1000.
const MAX_OFFSET = 1000;

function pagesToRead(cursor: QueryCursor): number {
	if (cursor.kind === 'genre') return GENRE_PAGES_PER_ROUND;
	return cursor.kind === 'specific' && cursor.offset === 0 ? SPECIFIC_PAGES_FIRST_ROUND : PAGES_PER_ROUND;
}

async function fetchNextPages(catalog: SpotifyCatalog, cursor: QueryCursor): Promise<void> {
	const pageCount = pagesToRead(cursor);
	const offsets = Array.from(
		{ length: pageCount },
		(_, index) => cursor.offset + index * SPOTIFY_SEARCH_MAX_LIMIT,
	).filter((offset) => offset < MAX_OFFSET);
	const pages = await Promise.all(
		offsets.map((offset) =>
			catalog.searchTracks(cursor.query, { limit: SPOTIFY_SEARCH_MAX_LIMIT, offset, market: cursor.market }),
		),
	);
	for (const page of pages) cursor.found.push(...page.tracks);
	cursor.offset += offsets.length * SPOTIFY_SEARCH_MAX_LIMIT;
	const last = pages.at(-1);
	cursor.exhausted =
		!last || last.tracks.length < SPOTIFY_SEARCH_MAX_LIMIT || cursor.offset >= Math.min(last.total, MAX_OFFSET);
}

/** The cursors to read this round: see QueryKind; a fallback once its genre's `genre:` query is exhausted. */
function cursorsToRead(all: QueryCursor[], round: number): QueryCursor[] {
	const dry = (fallback: QueryCursor) =>
		all.every((cursor) => cursor.query !== `genre:${quoteFilterValue(fallback.query)}` || cursor.exhausted);
	const open = all.filter((cursor) => !cursor.exhausted && (cursor.kind !== 'fallback' || dry(cursor)));
	const wide = open.filter((cursor) => cursor.kind !== 'specific');
	return round === 0 || wide.length === 0 ? open : wide;
}

/**
 * Interleaves each group's results, first result of each query, then second of each…, without
 * repeats; a later group (the wider queries) only adds after the earlier ones.
 */
function mergeRoundRobin(groups: QueryCursor[][]): SeedTrack[] {
	// Repeats are dropped here; the artist cap applies when the playlist is assembled.
	const filter = createTrackFilter(Infinity);
	const merged: SeedTrack[] = [];
	for (const cursors of groups) {
		const longest = Math.max(0, ...cursors.map((cursor) => cursor.found.length));
		for (let index = 0; index < longest; index++) {
			for (const cursor of cursors) {
				const track = cursor.found[index];
				if (track && filter.take(track) === 'taken') merged.push({ ...track, foundBy: cursor.query });
			}
		}
	}
	return merged;
}

/** How many of `tracks` a playlist could use with at most `maxPerArtist` per artist. */
function countUsable(tracks: Track[], maxPerArtist: number): number {
	const filter = createTrackFilter(maxPerArtist);
	return tracks.filter((track) => filter.take(track) === 'taken').length;
}

/** Catalog tracks for the attributes: enough for `want` under the artist cap when the catalog has them. */
export async function seedTracks(
	catalog: SpotifyCatalog,
	attributes: PromptAttributes,
	want: number,
	maxPerArtist: number = MAX_TRACKS_PER_ARTIST,
): Promise<SeedTrack[]> {
	const market = findLanguage(attributes.language)?.market ?? undefined;
	const genreQueries = new Set(sceneGenres(attributes).map((genre) => `genre:${quoteFilterValue(genre)}`));
	const toCursor = (query: string, otherwise: QueryKind): QueryCursor => ({
		query,
		market,
		kind: genreQueries.has(query) ? 'genre' : otherwise,
		offset: 0,
		exhausted: false,
		found: [],
	});
	const cursors = buildSeedQueries(attributes).map((query) => toCursor(query, 'specific'));
	const relaxed = buildRelaxedQueries(attributes)
		.filter((query) => !cursors.some((cursor) => cursor.query === query))
		.map((query) => toCursor(query, 'fallback'));
	// Read on while the list is short, as a genre is: a small scene needs them beyond the first round.
	const outside = buildOutsideQueries(attributes)
		.filter((query) => ![...cursors, ...relaxed].some((cursor) => cursor.query === query))
		.map((query) => toCursor(query, 'fallback'));
	let merged: SeedTrack[] = [];
	// The genre queries go out with the first round rather than after it comes back thin: one round less on the
	// critical path, and their pages are usually in the shared cache.
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const reading = cursorsToRead([...cursors, ...relaxed, ...outside], round);
		if (reading.length === 0) break;
		await Promise.all(reading.map((cursor) => fetchNextPages(catalog, cursor)));
		merged = mergeRoundRobin([cursors, relaxed, outside]);
		if (countUsable(merged, maxPerArtist) >= want) break;
	}
	return merged;
}
