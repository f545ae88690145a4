import { GENRES } from './genres.js';
import { addHostileTracks } from './hostile.js';
import { createArtists } from './names.js';
import { base62Id, mulberry32 } from './random.js';
import { SCENES, type SceneSpec } from './scenes.js';
import { createGenreTracks } from './tracks.js';
import type { Catalog, CatalogArtist, CatalogOptions, CatalogTrack, Rng } from './types.js';

// A generated, seeded music catalog for the Spotify stand-in. Same seed → same ids, names and order,
// so tests can compute expected search results from the catalog itself.

export const DEFAULT_SEED = 20_241_127;
const ARTISTS_PER_GENRE = 12;
const TRACKS_PER_ARTIST = 8;

export function createCatalog(options: CatalogOptions = {}): Catalog {
	const seed = options.seed ?? DEFAULT_SEED;
	const tracksPerGenre = options.tracksPerGenre ?? ARTISTS_PER_GENRE * TRACKS_PER_ARTIST;
	const rng = mulberry32(seed);
	const taken = new Set<string>();
	const artists: CatalogArtist[] = [];
	const blocks = GENRES.map((spec) => {
		const genreArtists = createArtists(rng, spec, Math.min(ARTISTS_PER_GENRE, tracksPerGenre), taken);
		artists.push(...genreArtists);
		return createGenreTracks(rng, spec, genreArtists, tracksPerGenre);
	});
	// After the global genres, so their tracks stay what they were before the scenes came.
	for (const scene of SCENES) {
		const sceneArtists = createSceneArtists(rng, scene, Math.min(ARTISTS_PER_GENRE, tracksPerGenre));
		artists.push(...sceneArtists);
		blocks.push(withMarkets(rng, scene, createGenreTracks(rng, scene, sceneArtists, tracksPerGenre)));
	}
	// Hostile tracks use their own PRNG and lead their genre's block, so they show up on first pages
	// while the ordinary tracks stay identical to a non-hostile catalog with the same seed.
	if (options.hostile) addHostileTracks(mulberry32(seed ^ 0x5eed), blocks, artists);
	return assembleCatalog(seed, blocks.flat(), artists);
}

function createSceneArtists(rng: Rng, scene: SceneSpec, count: number): CatalogArtist[] {
	return scene.artistNames.slice(0, count).map((name) => ({
		id: base62Id(rng),
		name,
		genre: scene.name,
		language: scene.language,
	}));
}

/** About 4 in 10 of a scene's releases are local: available only in its home market and those nearby. */
function withMarkets(rng: Rng, scene: SceneSpec, tracks: CatalogTrack[]): CatalogTrack[] {
	return tracks.map((track) => (rng() < 0.4 ? { ...track, markets: [scene.market, ...scene.nearby] } : track));
}

function assembleCatalog(seed: number, tracks: CatalogTrack[], artists: CatalogArtist[]): Catalog {
	const byId = new Map(tracks.map((track) => [track.id, track]));
	const artistById = new Map(artists.map((artist) => [artist.id, artist]));
	return {
		seed,
		tracks,
		genres: [...GENRES, ...SCENES].map((spec) => spec.name),
		artists,
		findTrack: (id) => byId.get(id),
		findArtist: (id) => artistById.get(id),
		tracksByGenre: (name) => tracks.filter((track) => track.genre === name.toLowerCase()),
	};
}
