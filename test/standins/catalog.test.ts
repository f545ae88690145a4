import { describe, expect, it } from 'vitest';
import { MOODS, createCatalog, parseSearchQuery, searchCatalog } from '../../standins/catalog.js';

const GENRES = [
	'k-pop',
	'pop',
	'rock',
	'indie',
	'jazz',
	'hip-hop',
	'lo-fi',
	'edm',
	'metal',
	'classical',
	'country',
	'latin',
	'r&b',
	'synthwave',
];
const SCENE_NAMES = [
	'rap français',
	'chanson',
	'j-pop',
	'city pop',
	'filmi',
	'musica mexicana',
	'k-ballad',
	'mpb',
	'deutschrap',
	'italian pop',
];

describe('createCatalog', () => {
	it('is deterministic per seed, with Spotify-shaped ids', () => {
		const first = createCatalog();
		const again = createCatalog();
		const other = createCatalog({ seed: 7 });
		expect(again.tracks.map((track) => `${track.id} ${track.name}`)).toEqual(
			first.tracks.map((track) => `${track.id} ${track.name}`),
		);
		expect(other.tracks[0]?.id).not.toBe(first.tracks[0]?.id);
		expect(first.genres).toEqual([...GENRES, ...SCENE_NAMES]);
		expect(first.tracks).toHaveLength(24 * 96);
		expect(new Set(first.tracks.map((track) => track.id)).size).toBe(first.tracks.length);
		for (const track of first.tracks) {
			expect(track.id).toMatch(/^[0-9A-Za-z]{22}$/);
			expect(track.uri).toBe(`spotify:track:${track.id}`);
			expect(track.album.release_date).toMatch(new RegExp(`^${track.year}-\\d{2}-\\d{2}$`));
			expect(track.album.images[0]).toMatchObject({
				width: 640,
				height: 640,
				url: expect.stringMatching(/^https:\/\/i\.scdn\.co\/image\/\w+$/) as unknown,
			});
			expect(track.moods.length).toBeGreaterThan(0);
			expect(track.moods.every((mood) => (MOODS as readonly string[]).includes(mood))).toBe(true);
		}
		for (const genre of [...GENRES, ...SCENE_NAMES]) {
			expect(first.artists.filter((artist) => artist.genre === genre)).toHaveLength(12);
		}
	});

	it('scales with tracksPerGenre and finds tracks by id', () => {
		const small = createCatalog({ tracksPerGenre: 5 });
		expect(small.tracks).toHaveLength(24 * 5);
		expect(small.tracksByGenre('jazz')).toHaveLength(5);
		const track = small.tracks[17];
		expect(track && small.findTrack(track.id)).toBe(track);
		expect(small.findTrack('0000000000000000000000')).toBeUndefined();
	});

	it('keeps the global genres as they were before the scenes came, each sung in one language', () => {
		const { tracks } = createCatalog();
		// The first and last global tracks of the default seed, unchanged by the scenes added after them.
		expect(tracks.slice(0, 14 * 96).every((track) => track.markets === undefined)).toBe(true);
		expect(new Set(tracks.filter((track) => track.genre === 'k-pop').map((track) => track.language))).toEqual(
			new Set(['korean']),
		);
		expect(new Set(tracks.filter((track) => track.genre === 'rock').map((track) => track.language))).toEqual(
			new Set(['english']),
		);
	});

	it('has local scenes in their own language, some releases only in their home markets', () => {
		const { tracks, artists } = createCatalog();
		const french = tracks.filter((track) => track.genre === 'rap français');
		expect(french).toHaveLength(96);
		expect(french.every((track) => track.language === 'french')).toBe(true);
		expect(artists.filter((artist) => artist.genre === 'filmi').every((artist) => artist.language === 'hindi')).toBe(
			true,
		);
		const local = french.filter((track) => track.markets !== undefined);
		expect(local.length).toBeGreaterThan(20);
		expect(local.length).toBeLessThan(60);
		for (const track of local) expect(track.markets).toContain('FR');
		expect(
			tracks.filter((track) => track.genre === 'j-pop').some((track) => /\p{Script=Hiragana}/u.test(track.name)),
		).toBe(true);
	});

	it('carries the oddities of real catalogs', () => {
		const { tracks, artists } = createCatalog();
		expect(artists.some((artist) => /[À-ÿĀ-ž]/.test(artist.name))).toBe(true);
		expect(tracks.some((track) => / - Remastered 2011$/.test(track.name))).toBe(true);
		expect(tracks.some((track) => /[!?'&,]/.test(track.name))).toBe(true);
		const featured = tracks.filter((track) => track.name.includes('(feat. '));
		expect(featured.length).toBeGreaterThan(20);
		for (const track of featured) {
			expect(track.artists).toHaveLength(2);
			expect(track.name).toContain(`(feat. ${track.artists[1]?.name})`);
		}
	});

	it('adds hostile tracks in front of their genre without changing the ordinary ones', () => {
		const plain = createCatalog();
		const hostile = createCatalog({ hostile: true });
		const added = hostile.tracks.filter((track) => track.hostile);
		expect(hostile.tracks.filter((track) => !track.hostile).map((track) => track.id)).toEqual(
			plain.tracks.map((track) => track.id),
		);
		const text = added
			.map((track) => [track.name, track.album.name, ...track.artists.map((a) => a.name)].join('|'))
			.join('\n');
		for (const needle of [
			'@everyone',
			'<@&123456789012345678>',
			'[x](https://evil.example)',
			'**bold**',
			'`',
			'```',
			'\u200B',
			'\u202E',
			'שלום',
			'🔥',
		]) {
			expect(text).toContain(needle);
		}
		expect(hostile.tracksByGenre('pop')[0]?.name).toBe('@everyone wake up');
		const first = added[0];
		expect(first && hostile.findTrack(first.id)?.hostile).toBe(true);
	});
});

describe('searchCatalog', () => {
	const catalog = createCatalog();

	it('parses field filters, quoted values and free words', () => {
		expect(parseSearchQuery('genre:"k-pop" year:1990-1999 Upbeat "late night" artist:Beyoncé tag:new')).toEqual({
			filters: [
				{ field: 'genre', value: 'k-pop' },
				{ field: 'year', value: '1990-1999' },
				{ field: 'artist', value: 'Beyoncé' },
			],
			words: ['upbeat', 'late night'],
		});
	});

	it('matches filters accent-insensitively and ranks free words by how many match', () => {
		const accented = catalog.tracks.find((track) => /é/.test(track.artists[0]?.name ?? ''));
		const artist = accented?.artists[0]?.name ?? '';
		const hits = searchCatalog(catalog, `artist:"${artist.normalize('NFD').replace(/\p{M}/gu, '')}"`);
		expect(hits.length).toBeGreaterThan(0);
		expect(hits.every((track) => track.artists.some((a) => a.name === artist))).toBe(true);
		expect(searchCatalog(catalog, `artist:"${artist.toUpperCase()}"`)).toEqual(hits);
		const ranked = searchCatalog(catalog, 'chill jazz');
		expect(ranked[0]?.genre).toBe('jazz');
		expect(ranked[0]?.moods).toContain('chill');
		expect(ranked.some((track) => track.genre !== 'jazz')).toBe(true);
		expect(searchCatalog(catalog, 'year:199x')).toEqual([]);
	});
});
