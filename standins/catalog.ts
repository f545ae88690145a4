// A generated, seeded music catalog for the Spotify stand-in. Same seed → same ids, names and order,
// so tests can compute expected search results from the catalog itself.
// A facade: the parts live in catalog/ (createCatalog, genres, words, names, tracks, hostile, search).

export { createCatalog, DEFAULT_SEED } from './catalog/createCatalog.js';
export { base62Id, mulberry32, pick, randomInt } from './catalog/random.js';
export { SCENES, type SceneSpec } from './catalog/scenes.js';
export { foldText, parseSearchQuery, searchCatalog, type ParsedSearch, type SearchFilter } from './catalog/search.js';
export {
	MOODS,
	type Catalog,
	type CatalogAlbum,
	type CatalogArtist,
	type CatalogArtistRef,
	type CatalogImage,
	type CatalogOptions,
	type CatalogTrack,
	type Mood,
	type Rng,
} from './catalog/types.js';
