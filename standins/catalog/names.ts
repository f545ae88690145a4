import { genreLanguage, type ArtistStyle, type GenreSpec } from './genres.js';
import { base62Id, pick, randomInt } from './random.js';
import type { CatalogArtist, Rng } from './types.js';
import {
	ALBUM_SUFFIXES,
	BAND_ADJECTIVES,
	BAND_NOUNS,
	CAPS_NAMES,
	CITIES,
	CLASSICAL_FORMS,
	CLASSICAL_KEYS,
	DARK_NAMES,
	DJ_WORDS,
	ENSEMBLES,
	FIRST_NAMES,
	KOREAN_TITLES,
	LAST_NAMES,
	LOWER_NAMES,
	MONONYMS,
	MOVEMENTS,
	PHRASES,
	RAPPER_PREFIXES,
	RAPPER_WORDS,
	RETRO_ADJECTIVES,
	RETRO_NOUNS,
	SPANISH_TITLES,
} from './words.js';

// Names in each genre's style: unique artist names, track titles and album names, drawn from words.ts.

export function createArtists(rng: Rng, spec: GenreSpec, count: number, taken: Set<string>): CatalogArtist[] {
	return Array.from({ length: count }, () => {
		const name = uniqueName(taken, () => artistName(rng, pick(rng, spec.artistStyles)));
		return { id: base62Id(rng), name, genre: spec.name, language: genreLanguage(spec.name) };
	});
}

function uniqueName(taken: Set<string>, make: () => string): string {
	for (let attempt = 0; attempt < 30; attempt++) {
		const name = make();
		if (!taken.has(name)) {
			taken.add(name);
			return name;
		}
	}
	const name = `${make()} ${taken.size}`;
	taken.add(name);
	return name;
}

function artistName(rng: Rng, style: ArtistStyle): string {
	switch (style) {
		case 'person':
			return `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
		case 'mononym':
			return pick(rng, MONONYMS);
		case 'band':
			return `${rng() < 0.5 ? 'The ' : ''}${pick(rng, BAND_ADJECTIVES)} ${pick(rng, BAND_NOUNS)}`;
		case 'caps':
			return `${pick(rng, CAPS_NAMES)}${rng() < 0.3 ? String(randomInt(rng, 2, 9)) : ''}`;
		case 'rapper':
			return `${pick(rng, RAPPER_PREFIXES)} ${pick(rng, RAPPER_WORDS)}`;
		case 'lower':
			return pick(rng, LOWER_NAMES);
		case 'dj':
			return rng() < 0.5 ? `DJ ${pick(rng, DJ_WORDS)}` : `${pick(rng, DJ_WORDS)} & ${pick(rng, DJ_WORDS)}`;
		case 'ensemble':
			return rng() < 0.5 ? `${pick(rng, LAST_NAMES)} ${pick(rng, ENSEMBLES)}` : `Orchestre de ${pick(rng, CITIES)}`;
		case 'retro':
			return `${pick(rng, RETRO_ADJECTIVES)} ${pick(rng, RETRO_NOUNS)}`;
		case 'dark':
			return pick(rng, DARK_NAMES);
	}
}

export function baseTitle(rng: Rng, spec: GenreSpec): string {
	switch (spec.titleStyle) {
		case 'classical':
			return classicalTitle(rng);
		case 'lower':
			return `${pick(rng, spec.adjectives)} ${pick(rng, spec.nouns)}${rng() < 0.3 ? ' session' : ''}`;
		case 'spanish':
			return pick(rng, SPANISH_TITLES);
		case 'scene':
			return pick(rng, spec.nouns);
		case 'korean':
			if (rng() < 0.4) return pick(rng, KOREAN_TITLES);
	}
	const roll = rng();
	if (roll < 0.25) return pick(rng, PHRASES);
	if (roll < 0.35) return `${pick(rng, PHRASES)} ${pick(rng, spec.nouns)}`;
	return `${pick(rng, spec.adjectives)} ${pick(rng, spec.nouns)}`;
}

function classicalTitle(rng: Rng): string {
	const form = pick(rng, CLASSICAL_FORMS);
	const title = `${form} No. ${randomInt(rng, 1, 12)} in ${pick(rng, CLASSICAL_KEYS)}, Op. ${randomInt(rng, 2, 120)}`;
	return form === 'Symphony' || form === 'Concerto' ? `${title}: ${pick(rng, MOVEMENTS)}` : title;
}

export function albumName(rng: Rng, spec: GenreSpec, artist: CatalogArtist): string {
	const roll = rng();
	if (roll < 0.15) return artist.name;
	if (roll < 0.25) return `Greatest Hits, Vol. ${randomInt(rng, 1, 3)}`;
	return `${baseTitle(rng, spec)}${pick(rng, ALBUM_SUFFIXES)}`;
}
