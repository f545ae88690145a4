// The catalog's public shapes (tracks, albums, artists, the Catalog itself) and the mood vocabulary.
// Re-exported by ../catalog.ts.

export const MOODS = ['upbeat', 'chill', 'sad', 'energetic', 'dark', 'happy', 'romantic', 'calm'] as const;
export type Mood = (typeof MOODS)[number];

export interface CatalogArtistRef {
	id: string;
	name: string;
}

export interface CatalogArtist extends CatalogArtistRef {
	genre: string;
	/** The language the artist sings in (lower-case English name). */
	language: string;
}

export interface CatalogImage {
	url: string;
	width: number;
	height: number;
}

export interface CatalogAlbum {
	id: string;
	name: string;
	albumType: 'album' | 'single';
	artists: CatalogArtistRef[];
	images: CatalogImage[];
	release_date: string;
	totalTracks: number;
}

export interface CatalogTrack {
	id: string;
	uri: string;
	name: string;
	artists: CatalogArtistRef[];
	album: CatalogAlbum;
	durationMs: number;
	genre: string;
	moods: Mood[];
	year: number;
	explicit: boolean;
	trackNumber: number;
	isrc: string;
	/** The language of the lyrics, as the lead artist's. */
	language: string;
	/** Markets (ISO country codes) where the track is available; absent: everywhere. */
	markets?: string[];
	/** Set on the tracks that `hostile: true` adds. */
	hostile?: boolean;
}

export interface Catalog {
	seed: number;
	tracks: readonly CatalogTrack[];
	genres: readonly string[];
	artists: readonly CatalogArtist[];
	findTrack(id: string): CatalogTrack | undefined;
	findArtist(id: string): CatalogArtist | undefined;
	tracksByGenre(genre: string): CatalogTrack[];
}

export interface CatalogOptions {
	seed?: number;
	tracksPerGenre?: number;
	hostile?: boolean;
}

export type Rng = () => number;
