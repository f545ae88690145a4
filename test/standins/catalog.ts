// A generated, seeded music catalog for the Spotify stand-in. Same seed → same ids, names and order,
// so tests can compute expected search results from the catalog itself.

export const MOODS = ['upbeat', 'chill', 'sad', 'energetic', 'dark', 'happy', 'romantic', 'calm'] as const;
export type Mood = (typeof MOODS)[number];

export interface CatalogArtistRef {
	id: string;
	name: string;
}

export interface CatalogArtist extends CatalogArtistRef {
	genre: string;
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

type ArtistStyle = 'person' | 'mononym' | 'band' | 'caps' | 'rapper' | 'lower' | 'dj' | 'ensemble' | 'retro' | 'dark';
type TitleStyle = 'default' | 'classical' | 'lower' | 'spanish' | 'korean';

interface GenreSpec {
	name: string;
	years: [number, number];
	moods: Mood[];
	seconds: [number, number];
	explicitRate: number;
	artistStyles: ArtistStyle[];
	titleStyle: TitleStyle;
	adjectives: string[];
	nouns: string[];
}

export const DEFAULT_SEED = 20_241_127;
const ARTISTS_PER_GENRE = 12;
const TRACKS_PER_ARTIST = 8;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

// One genre per row: name | release years | seconds | explicit rate | moods | artist styles | title style.
// A table keeps 14 genres readable at a glance; title words (adjectives / nouns) follow in GENRE_WORDS.
const GENRE_TABLE = `
k-pop     | 2010-2025 | 170-230 | 0.02 | upbeat happy energetic romantic | caps mononym    | korean
pop       | 2000-2025 | 160-240 | 0.1  | upbeat happy romantic sad       | person mononym  | default
rock      | 1965-2022 | 180-330 | 0.05 | energetic dark upbeat sad       | band person     | default
indie     | 2003-2025 | 170-280 | 0.05 | chill sad calm romantic happy   | band person     | default
jazz      | 1955-2020 | 200-480 | 0.01 | calm chill romantic sad         | person ensemble | default
hip-hop   | 1990-2025 | 150-260 | 0.45 | energetic dark upbeat           | rapper mononym  | default
lo-fi     | 2015-2025 | 90-180  | 0    | chill calm sad                  | lower           | lower
edm       | 2008-2025 | 180-360 | 0.03 | energetic upbeat happy          | dj mononym      | default
metal     | 1975-2024 | 220-480 | 0.2  | dark energetic                  | dark band       | default
classical | 1955-2023 | 180-900 | 0    | calm romantic sad dark          | ensemble person | classical
country   | 1970-2025 | 170-260 | 0.02 | happy sad romantic upbeat       | person band     | default
latin     | 1995-2025 | 170-260 | 0.15 | upbeat romantic happy energetic | person mononym  | spanish
r&b       | 1990-2025 | 180-280 | 0.2  | romantic chill sad              | person mononym  | default
synthwave | 2010-2025 | 200-330 | 0    | dark energetic chill            | retro           | default
`;
const GENRE_WORDS: Record<string, string> = {
	'k-pop': 'Neon,Sugar,Electric,Pink,Golden,Crazy / Heart,Candy,Starlight,Love,Dream,Summer',
	pop: 'Bright,Perfect,Lonely,Wild,Sweet,Brand New / Lights,Kiss,Party,Mirror,Weekend,Butterflies',
	rock: 'Loud,Broken,Highway,Electric,Rebel,Burning / Guitar,Thunder,Road,Fire,Engine,Revolution',
	indie: 'Paper,Quiet,Velvet,Tiny,Faded,Secret / Garden,Postcards,Bicycle,Polaroid,Lanterns,Attic',
	jazz: 'Blue,Smoky,Late,Velvet,Autumn,Round / Midnight,Saxophone,Lounge,Cabaret,Bossa,Standard',
	'hip-hop': 'Real,Gold,Street,Big,Cold,Fast / Money,Block,Crown,Hustle,Chains,Flow',
	'lo-fi': 'rainy,sleepy,soft,late,dusty,warm / study,window,tea,tape,balcony,notebook',
	edm: 'Euphoric,Hyper,Laser,Ultra,Deep,Higher / Drop,Festival,Pulse,Bassline,Rave,Sunrise',
	metal: 'Iron,Black,Eternal,Frozen,Unholy,Savage / Abyss,Throne,Storm,Serpent,Oblivion,Hammer',
	country: 'Dusty,Small Town,Whiskey,Southern,Lonesome,Pickup / Boots,Porch,Creek,Tailgate,Rodeo,Honky Tonk',
	'r&b': 'Slow,Silk,Late Night,Honey,Secret,Golden / Touch,Love Letter,Body,Promise,Candlelight,Devotion',
	synthwave: 'Neon,Chrome,Midnight,Digital,Turbo,Retro / Drive,Grid,Horizon,Outrun,Arcade,Nightcall',
};
const GENRES: GenreSpec[] = GENRE_TABLE.trim().split('\n').map(parseGenreRow);

const FIRST_NAMES = list(`Renée|José|Zoë|Chloé|Sinéad|Björn|Anaïs|Łukasz|Søren|Noémie|André|Mia|Lucas|Olivia|Marcus|Jade
	Theo|Nina|Ravi|Aiyana|Kai|Ella|Sam|Grace`);
const LAST_NAMES = list(`Márquez|Okafor|Lindqvist|Dubois|Nakamura|O'Connor|Reyes|Schäfer|Novák|Walsh|Moreau|Haddad
	Kowalski|Fernández|Brooks|Carter|Hale|Ibáñez`);
const MONONYMS = list(
	'Solène|Amaré|Zaïa|Rosalí|Kayé|Noé|Inès|Mirä|Dolorès|Léon|Aurélie|Beyoncé|Kæli|Jolie|Ziggy|Ayo|Luz|Ōra',
);
const BAND_ADJECTIVES = list('Velvet|Paper|Silver|Crooked|Hollow|Wandering|Electric|Static|Lucky|Northern');
const BAND_NOUNS = list('Owls|Foxes|Kites|Satellites|Ghosts|Lions|Machines|Comets|Strangers|Arrows');
const DARK_NAMES =
	list(`Dräkkon|Ünholy Rite|Grimfrost|Nachtmahr|Skullcrusher|Vëlkor|Morbid Tide|Ashen Crown|Corpse Lantern
	Hellhammerz|Blodhgarm|Serpent Mass`);
const CAPS_NAMES = list('NOVA|LUMI|ZENITH|AURORA|BLOOM|VIVID|ECLIPSE|STELLA|ORBIT|PRISM|(G)LOW|X:IN');
const RAPPER_PREFIXES = list('Lil|Young|MC|Big|Lil’|Yung');
const RAPPER_WORDS = list('Saint|Ca$h|Nova|Ghost|Tha Kid|Dre$|Blaze|Cicero|Ace|Kojo');
const LOWER_NAMES =
	list(`sleepy fox|cloudwalker|kōhī beats|moss & mellow|tape deck kid|nightbloom|paper lantern|slow cat
	raindrop.wav|sunday morning|dreamy ghost|lofi owl`);
const DJ_WORDS = list('Kaskade|Voltra|Sundown|Hexa|Mirage|Nyx|Tidal|Polar|Flux|Helios');
const RETRO_ADJECTIVES = list('Neon|Chrome|Laser|VHS|Midnight|Turbo|Cyber|Magnetic');
const RETRO_NOUNS = list('Driver|Horizon|Palms|Ghost|Runner|Tiger|Cassette|Mirage');
const CITIES = list('Wien|Berlin|Praha|London|København|Kraków|Montréal|Leipzig');
const ENSEMBLES = list('String Quartet|Trio|Quintet|Chamber Orchestra|Philharmonic|Ensemble');
const PHRASES = list(`Don't Stop|Hold On|Say You'll Stay|Can't Sleep|One More Time|Let It Go|Run Away|Who We Are
	Hey, Stranger!|Yesterday's News|Where Did You Go?|Rock & Roll Heart|Too Late...|Ça va|Stay (Forever)|24/7
	Mr. Blue Sky-High|Ride or Die`);
const SPANISH_TITLES = list(`Corazón Roto|Bailando en la Noche|Mi Niña|Fuego Lento|Dímelo|Sin Ti|La Última Canción
	Quédate|Bésame Otra Vez|Verano Azul|¿Dónde Estás?|Calor`);
const KOREAN_TITLES = list(
	'사랑해 (Saranghae)|Butterfly Effect|Ddu-Du Love|별빛 (Starlight)|Pop! Pop!|Next Level Up|Firework|Hello, Future',
);
const CLASSICAL_FORMS = list('Nocturne|Sonata|Symphony|Concerto|Prelude|Étude|Impromptu|Ballade');
const CLASSICAL_KEYS = list('C Major|E-flat Major|D Minor|A Minor|F-sharp Minor|G Major|B-flat Major');
const MOVEMENTS = list('I. Allegro con brio|II. Adagio|III. Scherzo: Presto|IV. Finale');
const ALBUM_SUFFIXES = [' (Deluxe Edition)', ' (Expanded)', ' [Live]', ''];
const REMASTER_YEARS = [2009, 2011, 2011, 2015, 2019];

// The hostile tracks: every string is something a Discord embed must neutralise.
const HOSTILE: { name: string; artist: string; album: string; genre: string; moods: Mood[] }[] = [
	{ name: '@everyone wake up', artist: '@here', album: 'Ping Everyone', genre: 'pop', moods: ['upbeat', 'happy'] },
	{
		name: 'Role Call <@&123456789012345678>',
		artist: '<@123456789012345678>',
		album: '<#123456789012345678>',
		genre: 'hip-hop',
		moods: ['energetic'],
	},
	{
		name: 'Click [x](https://evil.example)',
		artist: '[Official](https://evil.example/login)',
		album: 'https://evil.example/free-nitro',
		genre: 'edm',
		moods: ['energetic', 'upbeat'],
	},
	{
		name: '**bold** __under__ ~~gone~~ ||spoiler||',
		artist: '*Star*',
		album: '# Heading Album',
		genre: 'indie',
		moods: ['chill', 'happy'],
	},
	{
		name: 'Back`tick` ``double``',
		artist: '`rm -rf /`',
		album: '> quoted album',
		genre: 'rock',
		moods: ['energetic', 'dark'],
	},
	{
		name: '```js\nalert(1)\n```',
		artist: 'Code ``` Fence',
		album: 'Line\nBreak',
		genre: 'synthwave',
		moods: ['dark', 'chill'],
	},
	{
		name: 'שלום עולם \u202Eevil\u202C',
		artist: 'فرقة الليل',
		album: '\u202Emubla\u202C',
		genre: 'latin',
		moods: ['romantic', 'upbeat'],
	},
	{
		name: 'Zero\u200BWidth\u200DJoin\uFEFF',
		artist: 'In\u200Bvisible',
		album: '\u200B',
		genre: 'lo-fi',
		moods: ['chill', 'calm'],
	},
	{
		name: '🔥💀🎶 Vibes 👨‍👩‍👧‍👦',
		artist: '🦄 Unicorn 🏳️‍🌈',
		album: '🇰🇷 Seoul 🌃',
		genre: 'k-pop',
		moods: ['happy', 'upbeat'],
	},
	{
		name: `Long ${'na '.repeat(100)}Hey Jude`,
		artist: `The ${'Very '.repeat(40)}Long Band`,
		album: 'A'.repeat(300),
		genre: 'r&b',
		moods: ['romantic', 'sad'],
	},
	{
		name: '-# subtext <script>alert(1)</script>',
		artist: '&amp; <b>Ampersand</b>',
		album: '-# tiny',
		genre: 'jazz',
		moods: ['calm', 'romantic'],
	},
	{ name: 'T̷̢͎h̸̡̛e̵ ̶Z̴a̸l̷g̵o̶', artist: 'Ｆｕｌｌｗｉｄｔｈ', album: '   ', genre: 'metal', moods: ['dark', 'energetic'] },
];

export function mulberry32(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	const item = items[Math.floor(rng() * items.length)];
	if (item === undefined) throw new Error('pick() from an empty list');
	return item;
}

export function randomInt(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function base62Id(rng: Rng, length = 22): string {
	let id = '';
	for (let i = 0; i < length; i++) id += pick(rng, BASE62.split(''));
	return id;
}

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
	// Hostile tracks use their own PRNG and lead their genre's block, so they show up on first pages
	// while the ordinary tracks stay identical to a non-hostile catalog with the same seed.
	if (options.hostile) addHostileTracks(mulberry32(seed ^ 0x5eed), blocks, artists);
	return assembleCatalog(seed, blocks.flat(), artists);
}

function assembleCatalog(seed: number, tracks: CatalogTrack[], artists: CatalogArtist[]): Catalog {
	const byId = new Map(tracks.map((track) => [track.id, track]));
	const artistById = new Map(artists.map((artist) => [artist.id, artist]));
	return {
		seed,
		tracks,
		genres: GENRES.map((spec) => spec.name),
		artists,
		findTrack: (id) => byId.get(id),
		findArtist: (id) => artistById.get(id),
		tracksByGenre: (name) => tracks.filter((track) => track.genre === name.toLowerCase()),
	};
}

function list(text: string): string[] {
	return text
		.split(/[|\n]/)
		.map((item) => item.trim())
		.filter(Boolean);
}

function range(text: string): [number, number] {
	const [from = 0, to = from] = text.split('-').map(Number);
	return [from, to];
}

function parseGenreRow(row: string): GenreSpec {
	const [name = '', years = '', seconds = '', explicit = '', moods = '', styles = '', title = ''] = row
		.split('|')
		.map((cell) => cell.trim());
	const [adjectives = '', nouns = ''] = (GENRE_WORDS[name] ?? '').split(' / ');
	return {
		name,
		years: range(years),
		seconds: range(seconds),
		explicitRate: Number(explicit),
		moods: moods.split(' ') as Mood[],
		artistStyles: styles.split(/\s+/) as ArtistStyle[],
		titleStyle: title as TitleStyle,
		adjectives: adjectives === '' ? [] : adjectives.split(','),
		nouns: nouns === '' ? [] : nouns.split(','),
	};
}

function createArtists(rng: Rng, spec: GenreSpec, count: number, taken: Set<string>): CatalogArtist[] {
	return Array.from({ length: count }, () => {
		const name = uniqueName(taken, () => artistName(rng, pick(rng, spec.artistStyles)));
		return { id: base62Id(rng), name, genre: spec.name };
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

function baseTitle(rng: Rng, spec: GenreSpec): string {
	switch (spec.titleStyle) {
		case 'classical':
			return classicalTitle(rng);
		case 'lower':
			return `${pick(rng, spec.adjectives)} ${pick(rng, spec.nouns)}${rng() < 0.3 ? ' session' : ''}`;
		case 'spanish':
			return pick(rng, SPANISH_TITLES);
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

function splitEvenly(total: number, parts: number): number[] {
	return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function createGenreTracks(rng: Rng, spec: GenreSpec, artists: CatalogArtist[], total: number): CatalogTrack[] {
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

function albumName(rng: Rng, spec: GenreSpec, artist: CatalogArtist): string {
	const roll = rng();
	if (roll < 0.15) return artist.name;
	if (roll < 0.25) return `Greatest Hits, Vol. ${randomInt(rng, 1, 3)}`;
	return `${baseTitle(rng, spec)}${pick(rng, ALBUM_SUFFIXES)}`;
}

function createAlbum(
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

function createTrack(rng: Rng, seed: TrackSeed): CatalogTrack {
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

function addHostileTracks(rng: Rng, blocks: CatalogTrack[][], artists: CatalogArtist[]): void {
	for (const entry of HOSTILE) {
		const index = GENRES.findIndex((spec) => spec.name === entry.genre);
		const spec = GENRES[index];
		const block = blocks[index];
		if (!spec || !block) continue;
		const artist: CatalogArtist = { id: base62Id(rng), name: entry.artist, genre: spec.name };
		artists.push(artist);
		const album = createAlbum(rng, spec, artist, { name: entry.album, size: 1 });
		const track = createTrack(rng, { spec, artist, peers: [artist], title: entry.name, album, trackNumber: 1 });
		block.unshift({ ...track, name: entry.name, moods: entry.moods, hostile: true });
	}
}

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

/** Tracks matching `q`: every filter must match; then at least one free word, ranked by how many matched. */
export function searchCatalog(catalog: Catalog, q: string): CatalogTrack[] {
	const { filters, words } = parseSearchQuery(q);
	const candidates = catalog.tracks.filter((track) => filters.every((filter) => matchesFilter(track, filter)));
	if (words.length === 0) return candidates;
	const scored = candidates
		.map((track, order) => ({ track, order, score: countWords(track, words) }))
		.filter((entry) => entry.score > 0);
	scored.sort((a, b) => b.score - a.score || a.order - b.order);
	return scored.map((entry) => entry.track);
}

function matchesFilter(track: CatalogTrack, filter: SearchFilter): boolean {
	const value = foldText(filter.value);
	switch (filter.field) {
		case 'track':
			return foldText(track.name).includes(value);
		case 'artist':
			return track.artists.some((artist) => foldText(artist.name).includes(value));
		case 'album':
			return foldText(track.album.name).includes(value);
		case 'genre':
			return foldText(track.genre) === value;
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
	const haystack = foldText(
		[track.name, ...track.artists.map((artist) => artist.name), track.album.name, track.genre, ...track.moods].join(
			' ',
		),
	);
	return words.filter((word) => haystack.includes(word)).length;
}
