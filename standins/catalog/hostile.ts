import { genreLanguage, GENRES } from './genres.js';
import { base62Id } from './random.js';
import { createAlbum, createTrack } from './tracks.js';
import type { CatalogArtist, CatalogTrack, Mood, Rng } from './types.js';

// Tracks whose names attack the bot's output (mentions, markdown, links, bidi and zero-width characters, huge
// strings), added with `hostile: true` at the head of their genre so they appear on first pages.

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

export function addHostileTracks(rng: Rng, blocks: CatalogTrack[][], artists: CatalogArtist[]): void {
	for (const entry of HOSTILE) {
		const index = GENRES.findIndex((spec) => spec.name === entry.genre);
		const spec = GENRES[index];
		const block = blocks[index];
		if (!spec || !block) continue;
		const artist: CatalogArtist = {
			id: base62Id(rng),
			name: entry.artist,
			genre: spec.name,
			language: genreLanguage(spec.name),
		};
		artists.push(artist);
		const album = createAlbum(rng, spec, artist, { name: entry.album, size: 1 });
		const track = createTrack(rng, { spec, artist, peers: [artist], title: entry.name, album, trackNumber: 1 });
		block.unshift({ ...track, name: entry.name, moods: entry.moods, hostile: true });
	}
}
