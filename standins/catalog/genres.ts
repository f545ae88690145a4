import type { Mood } from './types.js';

// The genres the catalog covers, as a readable table: release years, track lengths, explicit rate, moods, how
// artists are named and how titles are built, plus each genre's title words.

export type ArtistStyle =
	'person' | 'mononym' | 'band' | 'caps' | 'rapper' | 'lower' | 'dj' | 'ensemble' | 'retro' | 'dark';
/** `scene`: titles are drawn whole from `nouns` (a scene's own titles, in its language). */
export type TitleStyle = 'default' | 'classical' | 'lower' | 'spanish' | 'korean' | 'scene';

export interface GenreSpec {
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
export const GENRES: GenreSpec[] = GENRE_TABLE.trim().split('\n').map(parseGenreRow);

// The global genres are sung in English, but for these.
const GENRE_LANGUAGES: Record<string, string> = { 'k-pop': 'korean', latin: 'spanish' };

export function genreLanguage(genre: string): string {
	return GENRE_LANGUAGES[genre] ?? 'english';
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
