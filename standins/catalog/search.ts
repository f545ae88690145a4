import type { Catalog, CatalogTrack } from './types.js';

// Spotify-style search over the catalog: field filters (`artist:`, `year:1990-1999`, ...) and free words, accent-
// and case-insensitive, ranked by how many words matched.

/** Lower-cases and strips accents, so `beyonce` finds `Beyoncé`. */
export function foldText(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface SearchFilter {
	field: 'track' | 'artist' | 'album' | 'genre' | 'year' | 'isrc';
	value: string;
}

export interface ParsedSearch {
	filters: SearchFilter[];
	words: string[];
}

const FILTER_FIELDS = new Set(['track', 'artist', 'album', 'genre', 'year', 'isrc']);
const TOKEN_PATTERN = /([a-z]+):(?:"([^"]*)"|(\S*))|"([^"]*)"|(\S+)/gi;

/** Splits a Spotify `q` into field filters and free words; `tag:` applies to albums only and is ignored. */
export function parseSearchQuery(q: string): ParsedSearch {
	const parsed: ParsedSearch = { filters: [], words: [] };
	for (const match of q.matchAll(TOKEN_PATTERN)) {
		const [, field, quoted, bare, phrase, word] = match;
		if (field !== undefined) {
			const value = quoted ?? bare ?? '';
			const name = field.toLowerCase();
			if (FILTER_FIELDS.has(name) && value !== '') parsed.filters.push({ field: name as SearchFilter['field'], value });
			else if (name !== 'tag') parsed.words.push(foldText(match[0]));
		} else {
			const free = foldText(phrase ?? word ?? '').trim();
			if (free !== '') parsed.words.push(free);
		}
	}
	return parsed;
}

/** A track's searchable text, folded once: searches scan the whole catalog, and folding is most of their time. */
interface FoldedTrack {
	name: string;
	artists: string[];
	album: string;
	genre: string;
	words: string;
}

const folded = new WeakMap<CatalogTrack, FoldedTrack>();

function foldedTrack(track: CatalogTrack): FoldedTrack {
	let text = folded.get(track);
	if (!text) {
		const artists = track.artists.map((artist) => foldText(artist.name));
		const words = [track.name, ...track.artists.map((artist) => artist.name), track.album.name, track.genre];
		text = {
			name: foldText(track.name),
			artists,
			album: foldText(track.album.name),
			genre: foldText(track.genre),
			words: foldText([...words, ...track.moods].join(' ')),
		};
		folded.set(track, text);
	}
	return text;
}

/** Tracks matching `q`: every filter must match; then at least one free word, ranked by how many matched. */
export function searchCatalog(catalog: Catalog, q: string): CatalogTrack[] {
	const { filters, words } = parseSearchQuery(q);
	const folds = filters.map((filter) => ({ ...filter, folded: foldText(filter.value) }));
	const candidates = catalog.tracks.filter((track) => folds.every((filter) => matchesFilter(track, filter)));
	if (words.length === 0) return candidates;
	const scored = candidates
		.map((track, order) => ({ track, order, score: countWords(track, words) }))
		.filter((entry) => entry.score > 0);
	scored.sort((a, b) => b.score - a.score || a.order - b.order);
	return scored.map((entry) => entry.track);
}

function matchesFilter(track: CatalogTrack, filter: SearchFilter & { folded: string }): boolean {
	const value = filter.folded;
	const text = foldedTrack(track);
	switch (filter.field) {
		case 'track':
			return text.name.includes(value);
		case 'artist':
			return text.artists.some((artist) => artist.includes(value));
		case 'album':
			return text.album.includes(value);
		case 'genre':
			return text.genre === value;
		case 'isrc':
			return track.isrc.toLowerCase() === value;
		case 'year':
			return matchesYear(track.year, filter.value);
	}
}

function matchesYear(year: number, value: string): boolean {
	const range = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
	if (!range) return false;
	const from = Number(range[1]);
	const to = range[2] === undefined ? from : Number(range[2]);
	return year >= from && year <= to;
}

function countWords(track: CatalogTrack, words: string[]): number {
	const haystack = foldedTrack(track).words;
	return words.filter((word) => haystack.includes(word)).length;
}
