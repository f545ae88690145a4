import type { PromptAttributes } from './attributes.js';
import { readArc, readDuration } from './fallbackShape.js';
import { normalizePrompt } from './normalize.js';

// A small lexicon that reads a prompt without the LLM, so a playlist still comes out when Ollama
// is down or talks nonsense. Deterministic: the same prompt always gives the same attributes.

const GENRE_WORDS: Record<string, string[]> = {
	'k-pop': ['k pop', 'kpop', 'korean pop'],
	'j-pop': ['j pop', 'jpop'],
	pop: ['pop'],
	rock: ['rock', 'guitar'],
	indie: ['indie', 'alternative'],
	jazz: ['jazz', 'swing', 'bebop'],
	'hip-hop': ['hip hop', 'hiphop', 'rap', 'trap'],
	'lo-fi': ['lo fi', 'lofi'],
	edm: ['edm', 'electronic', 'house', 'techno', 'trance', 'dance'],
	metal: ['metal'],
	classical: ['classical', 'orchestra', 'piano', 'symphony'],
	country: ['country', 'folk'],
	latin: ['latin', 'reggaeton', 'salsa', 'bachata'],
	'r&b': ['r and b', 'rnb', 'soul'],
	synthwave: ['synthwave', 'retrowave', 'synth'],
	blues: ['blues'],
	punk: ['punk'],
	reggae: ['reggae'],
};

const MOOD_WORDS: Record<PromptAttributes['mood'], string[]> = {
	happy: ['happy', 'upbeat', 'joy', 'sunny', 'summer', 'feel good', 'cheerful'],
	sad: ['sad', 'breakup', 'heartbreak', 'cry', 'melancholy', 'rainy'],
	chill: ['chill', 'relax', 'lazy', 'sunday', 'cozy', 'mellow'],
	energetic: ['energetic', 'running', 'run', 'workout', 'gym', 'pump', 'hype', 'cardio'],
	romantic: ['romantic', 'love', 'date', 'valentine'],
	dark: ['dark', 'gothic', 'night drive', 'moody'],
	calm: ['calm', 'sleep', 'peaceful', 'meditation', 'quiet'],
	angry: ['angry', 'rage', 'aggressive'],
	nostalgic: ['nostalgic', 'nostalgia', 'throwback', 'retro', 'oldies'],
	party: ['party', 'club', 'dancing', 'celebration'],
	focused: ['focus', 'study', 'studying', 'work', 'coding', 'concentration'],
	dreamy: ['dreamy', 'ethereal', 'space', 'floating'],
};

const HIGH_ENERGY = [
	'running',
	'run',
	'workout',
	'gym',
	'party',
	'hype',
	'upbeat',
	'energetic',
	'fast',
	'cardio',
	'club',
];
const LOW_ENERGY = [
	'sleep',
	'calm',
	'chill',
	'relax',
	'study',
	'quiet',
	'slow',
	'sad',
	'rainy',
	'meditation',
	'lofi',
	'lo fi',
];

const LANGUAGE_WORDS: Record<string, string[]> = {
	korean: ['korean', 'k pop', 'kpop'],
	japanese: ['japanese', 'j pop', 'jpop', 'anime'],
	spanish: ['spanish', 'latin', 'reggaeton', 'espanol'],
	french: ['french', 'francais'],
	german: ['german', 'deutsch'],
	portuguese: ['portuguese', 'brazilian'],
	italian: ['italian'],
	hindi: ['hindi', 'bollywood'],
};

const STOP_WORDS = new Set(
	'a an and the for of to in on with some music songs song playlist tracks me my i want need like please mix vibes vibe about from by at is are be that this make give'.split(
		' ',
	),
);

function contains(text: string, phrase: string): boolean {
	return ` ${text} `.includes(` ${phrase} `);
}

function matchKeys<K extends string>(text: string, table: Record<K, string[]>): K[] {
	return (Object.keys(table) as K[]).filter((key) => table[key].some((word) => contains(text, word)));
}

function readEra(text: string): PromptAttributes['era'] {
	// "90s", "1990s", "80's" (apostrophes are gone after normalizing: "80 s").
	const decade = /\b(?:(19|20)?(\d)0)\s?s\b/.exec(text);
	if (decade) {
		const century = decade[1] ?? (Number(decade[2]) >= 3 ? '19' : '20');
		const from = Number(`${century}${decade[2]}0`);
		return { from, to: from + 9 };
	}
	const year = /\b(19[5-9]\d|20[0-2]\d)\b/.exec(text);
	return year ? { from: Number(year[1]), to: Number(year[1]) } : null;
}

/** Genres in table order; a matched phrase is taken out, so "k-pop" does not also count as "pop". */
function matchGenres(text: string): string[] {
	const genres: string[] = [];
	let rest = ` ${text} `;
	for (const [genre, words] of Object.entries(GENRE_WORDS)) {
		const word = words.find((phrase) => rest.includes(` ${phrase} `));
		if (!word) continue;
		genres.push(genre);
		rest = rest.replaceAll(` ${word} `, ' ');
	}
	return genres;
}

export function fallbackAttributes(prompt: string): PromptAttributes {
	const text = normalizePrompt(prompt);
	const genres = matchGenres(text).slice(0, 3);
	const moods = matchKeys(text, MOOD_WORDS);
	const high = HIGH_ENERGY.some((word) => contains(text, word));
	const low = LOW_ENERGY.some((word) => contains(text, word));
	const keywords = text
		.split(' ')
		.filter((word) => word.length > 2 && !STOP_WORDS.has(word) && !/^\d+s?$/.test(word))
		.slice(0, 4);
	const energy = high && !low ? 'high' : low && !high ? 'low' : 'medium';
	return {
		mood: moods[0] ?? 'happy',
		genres: genres.length > 0 ? genres : ['pop'],
		energy,
		era: readEra(text),
		language: matchKeys(text, LANGUAGE_WORDS)[0] ?? null,
		keywords,
		durationMinutes: readDuration(text),
		phases: readArc(text, energy),
	};
}
