import { MOODS, mulberry32 } from '../standins/catalog.js';

// The mixed workload's prompts, as a server's members type them: a few genres asked often and many now and then,
// the same moods and activities over and over, now and then a decade or two genres at once; all distinct, so each
// is a cache miss for the playlist cache while its genre's searches and its songs' checks may be shared. Seeded: two
// runs send the same prompts.

/** The catalog's genres from most to least asked; the k-th is asked about 1/k as often as the first. */
const POPULARITY = ['pop', 'hip-hop', 'rock', 'indie', 'edm', 'k-pop', 'lo-fi', 'r&b', 'jazz', 'latin', 'metal'];
const RARE = ['country', 'classical', 'synthwave'];
const ACTIVITIES = [
	'running',
	'studying',
	'a long drive',
	'cooking',
	'a rainy evening',
	'the gym',
	'a party',
	'late night coding',
	'a road trip',
	'sunday morning',
	'the commute',
	'a dinner party',
	'falling asleep',
];
const DECADES = ['80s', '90s', '2000s', '2010s'];

type Pick = <T>(items: readonly T[]) => T;

function genrePicker(genres: readonly string[], random: () => number): () => string {
	const ranked = [...POPULARITY, ...RARE].filter((genre) => genres.includes(genre));
	const weights = ranked.map((_, rank) => 1 / (rank + 1));
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	return () => {
		let left = random() * total;
		const index = weights.findIndex((weight) => (left -= weight) < 0);
		return ranked[index < 0 ? 0 : index] as string;
	};
}

/** How members phrase a request, from the most common shape to the rarer ones. */
function phrasings(pick: Pick, genre: () => string): (() => string)[] {
	const mood = () => pick(MOODS);
	const activity = () => pick(ACTIVITIES);
	return [
		() => `${mood()} ${genre()} for ${activity()}`,
		() => `${genre()} for ${activity()}`,
		() => `${mood()} ${genre()}`,
		() => `some ${mood()} ${genre()} please`,
		() => `${activity()} playlist, ${mood()} ${genre()}`,
		() => `${pick(DECADES)} ${genre()} for ${activity()}`,
		() => `${genre()} and ${genre()}, ${mood()}`,
	];
}

/** `count` distinct prompts over `genres` (the stand-in catalog's). */
export function mixedPrompts(genres: readonly string[], count: number, seed: number): string[] {
	const random = mulberry32(seed);
	const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
	const shapes = phrasings(pick, genrePicker(genres, random));
	const prompts = new Set<string>();
	for (let tries = 0; prompts.size < count; tries++) {
		if (tries > count * 100) throw new Error(`only ${prompts.size} distinct mixed prompts`);
		const prompt = pick(shapes)();
		if (!/\b(\S+) and \1\b/.test(prompt)) prompts.add(prompt);
	}
	return [...prompts];
}
