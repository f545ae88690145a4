import type { GenreSpec } from './genres.js';
import { albumName, baseTitle } from './names.js';
import { base62Id, pick, randomInt } from './random.js';
import {
	MOODS,
	type CatalogAlbum,
	type CatalogArtist,
	type CatalogArtistRef,
	type CatalogTrack,
	type Mood,
	type Rng,
} from './types.js';
import { REMASTER_YEARS } from './words.js';

// An artist's releases: an album of all tracks but the last, and the last as a single; each track with Spotify-like
// ids, ISRCs, cover URLs, durations, moods and the decorations real titles carry (features, remasters, live cuts).

const HEX = '0123456789abcdef';

function splitEvenly(total: number, parts: number): number[] {
	return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export function createGenreTracks(rng: Rng, spec: GenreSpec, artists: CatalogArtist[], total: number): CatalogTrack[] {
	const counts = splitEvenly(total, artists.length);
	return artists.flatMap((artist, i) => createArtistTracks(rng, spec, artist, artists, counts[i] ?? 0));
}

function createArtistTracks(
	rng: Rng,
	spec: GenreSpec,
	artist: CatalogArtist,
	peers: CatalogArtist[],
	count: number,
): CatalogTrack[] {
	const titles = Array.from({ length: count }, () => baseTitle(rng, spec));
	// All but the last track form an album; the last is released as a single named after itself.
	const albumSize = count > 1 ? count - 1 : 0;
	const album =
		albumSize > 0 ? createAlbum(rng, spec, artist, { name: albumName(rng, spec, artist), size: albumSize }) : null;
	const single = createAlbum(rng, spec, artist, { name: titles[count - 1] ?? '', size: 1 });
	return titles.map((title, i) => {
		const onAlbum = album !== null && i < albumSize;
		const release = onAlbum ? album : single;
		return createTrack(rng, { spec, artist, peers, title, album: release, trackNumber: onAlbum ? i + 1 : 1 });
	});
}

export function createAlbum(
	rng: Rng,
	spec: GenreSpec,
	artist: CatalogArtist,
	shape: { name: string; size: number },
): CatalogAlbum {
	const year = randomInt(rng, spec.years[0], spec.years[1]);
	const date = `${year}-${pad(randomInt(rng, 1, 12))}-${pad(randomInt(rng, 1, 28))}`;
	return {
		id: base62Id(rng),
		name: shape.name,
		albumType: shape.size > 1 ? 'album' : 'single',
		artists: [{ id: artist.id, name: artist.name }],
		images: [640, 300, 64].map((size) => ({ url: imageUrl(rng, size), width: size, height: size })),
		release_date: date,
		totalTracks: shape.size,
	};
}

function imageUrl(rng: Rng, size: number): string {
	const prefix = size === 640 ? 'ab67616d0000b273' : size === 300 ? 'ab67616d00001e02' : 'ab67616d00004851';
	let hash = '';
	for (let i = 0; i < 24; i++) hash += pick(rng, HEX.split(''));
	return `https://i.scdn.co/image/${prefix}${hash}`;
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

interface TrackSeed {
	spec: GenreSpec;
	artist: CatalogArtist;
	peers: CatalogArtist[];
	title: string;
	album: CatalogAlbum;
	trackNumber: number;
}

export function createTrack(rng: Rng, seed: TrackSeed): CatalogTrack {
	const id = base62Id(rng);
	const year = Number(seed.album.release_date.slice(0, 4));
	const artists: CatalogArtistRef[] = [{ id: seed.artist.id, name: seed.artist.name }];
	const name = decorateTitle(rng, { title: seed.title, year, artists, peers: seed.peers });
	return {
		id,
		uri: `spotify:track:${id}`,
		name,
		artists,
		album: seed.album,
		durationMs: randomInt(rng, seed.spec.seconds[0], seed.spec.seconds[1]) * 1000 + randomInt(rng, 0, 999),
		genre: seed.spec.name,
		moods: pickMoods(rng, seed.spec.moods),
		year,
		explicit: rng() < seed.spec.explicitRate,
		trackNumber: seed.trackNumber,
		isrc: `QZ${id.slice(0, 3).toUpperCase()}${String(year).slice(2)}${pad(randomInt(rng, 0, 99_999), 5)}`,
		language: seed.artist.language,
	};
}

// Adds the oddities real titles carry: features (with the second artist credited), remasters, live cuts.
function decorateTitle(
	rng: Rng,
	context: { title: string; year: number; artists: CatalogArtistRef[]; peers: CatalogArtist[] },
): string {
	let name = context.title;
	const roll = rng();
	const peer = pick(rng, context.peers);
	const lead = context.artists[0];
	if (roll < 0.18 && lead && peer.id !== lead.id) {
		context.artists.push({ id: peer.id, name: peer.name });
		if (roll < 0.12) name += ` (feat. ${peer.name})`;
	}
	const edit = rng();
	if (context.year <= 2005 && edit < 0.3) name += ` - Remastered ${pick(rng, REMASTER_YEARS)}`;
	else if (edit < 0.04) name += ' - Live';
	else if (edit < 0.07) name += ' - Radio Edit';
	return name;
}

function pickMoods(rng: Rng, pool: Mood[]): Mood[] {
	const moods = new Set<Mood>([pick(rng, pool)]);
	if (rng() < 0.7) moods.add(pick(rng, pool));
	if (rng() < 0.1) moods.add(pick(rng, MOODS));
	return [...moods];
}
