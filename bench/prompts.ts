import { MOODS } from '../standins/catalog.js';

// Distinct prompts from the stand-in catalog's genres and moods, so every run is a cache miss unless it repeats one
// on purpose. Each step takes fresh prompts from the same sequence.

const ACTIVITIES = ['running', 'studying', 'a long drive', 'cooking', 'a rainy evening', 'the gym', 'a party'];

export interface PromptSource {
	take(count: number): string[];
}

export function createPromptSource(genres: readonly string[]): PromptSource {
	// Genre varies fastest, so a handful of prompts already covers different parts of the catalog.
	const prompts = ACTIVITIES.flatMap((activity) =>
		MOODS.flatMap((mood) => genres.map((genre) => `${mood} ${genre} for ${activity}`)),
	);
	let next = 0;
	return {
		take(count) {
			if (next + count > prompts.length) throw new Error(`only ${prompts.length} distinct prompts`);
			next += count;
			return prompts.slice(next - count, next);
		},
	};
}
