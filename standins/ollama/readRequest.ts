import { normalize } from './text.js';
import type { PoolTrack } from './types.js';

// What the fake model reads in a request beyond genres and moods, as a model would: how long the playlist should
// last, the energy arc it implies, the genres it names (by name or alias), the language of its lyrics, and a
// caller's "sung in <language>". Every text here is already normalized (lower-case, no accents or punctuation).

/** "45-minute run", "90 min", "2 hours", "an hour and a half", "half an hour" → minutes; undefined when none. */
export function readMinutes(text: string): number | undefined {
	if (/\bhalf an hour\b/.test(text)) return 30;
	if (/\ban hour and a half\b/.test(text)) return 90;
	const hours = /\b(\d{1,2}(?: \d)?) ?(?:hours?|hrs?|h)\b/.exec(text);
	if (hours?.[1] !== undefined) return Math.round(Number(hours[1].replace(' ', '.')) * 60);
	if (/\ban hour\b/.test(text)) return 60;
	const minutes = /\b(\d{1,3}) ?(?:minutes?|mins?)\b/.exec(text);
	return minutes?.[1] === undefined ? undefined : Number(minutes[1]);
}

// The phases a request may name, in the order an arc runs through them.
const ARC_WORDS: [phase: string, words: RegExp][] = [
	['warm-up', /\bwarm(?:ing)? ?up\b/],
	['build-up', /\bbuild(?:ing|s)? ?up\b/],
	['peak', /\b(?:peak|intervals?|sprints?|climax)\b/],
	['wind-down', /\bwind(?:ing)? ?down\b/],
	['cool-down', /\bcool(?:ing)? ?down\b|\bend(?:s|ing)? calm\b|\bcalm ending\b/],
];
const ENDINGS = new Set(['wind-down', 'cool-down']);
const OPENINGS = new Set(['warm-up', 'build-up']);

/**
 * The arc a request implies, in order: the phases it names, with a middle added when it names only an opening or
 * only an ending (a peak for a lively request, a steady stretch otherwise); none for a single peak.
 */
export function readArc(text: string, lively: boolean): string[] {
	const named = ARC_WORDS.filter(([, words]) => words.test(text)).map(([phase]) => phase);
	if (named.length === 0 || (named.length === 1 && named[0] === 'peak')) return [];
	const middle = lively ? 'peak' : 'steady';
	if (named.every((phase) => ENDINGS.has(phase))) return [middle, ...named];
	if (named.every((phase) => OPENINGS.has(phase))) return [...named, 'peak'];
	return named.slice(0, 4);
}

/** The genres a text names, in its order; a longer name or alias wins over one inside it ("k-pop", not "pop"). */
export function readGenres(text: string, genres: string[], aliases: Record<string, string[]>): string[] {
	const names = genres.flatMap((genre) => [genre, ...(aliases[genre] ?? [])].map((name) => ({ genre, name })));
	names.sort((a, b) => normalize(b.name).length - normalize(a.name).length);
	let rest = ` ${text} `;
	const found: { genre: string; at: number }[] = [];
	for (const { genre, name } of names) {
		const words = ` ${normalize(name)} `;
		const at = rest.indexOf(words);
		if (words.trim() === '' || at < 0) continue;
		if (!found.some((entry) => entry.genre === genre)) found.push({ genre, at });
		rest = rest.slice(0, at + 1) + '#'.repeat(words.length - 2) + rest.slice(at + words.length - 1);
	}
	return found.sort((a, b) => a.at - b.at).map((entry) => entry.genre);
}

const LANGUAGE_WORDS: Record<string, string[]> = {
	english: ['english'],
	french: ['french', 'francais', 'francaise'],
	spanish: ['spanish', 'espanol', 'mexican', 'mexicana', 'mexicano'],
	german: ['german', 'deutsch'],
	italian: ['italian', 'italiano', 'italiana'],
	portuguese: ['portuguese', 'brazilian', 'brasileira', 'brasileiro'],
	japanese: ['japanese'],
	korean: ['korean'],
	hindi: ['hindi'],
	swedish: ['swedish'],
};

/**
 * The language of the lyrics a request asks for: one it names, else the one the first genre it names is sung in
 * (j-pop → japanese), as the pool's tracks of that genre say; undefined for none.
 */
export function readLanguage(text: string, genres: string[], pool: PoolTrack[]): string | undefined {
	const words = text.split(' ');
	const named = Object.keys(LANGUAGE_WORDS).find((language) =>
		LANGUAGE_WORDS[language]?.some((word) => words.includes(word)),
	);
	if (named !== undefined || genres[0] === undefined) return named;
	const first = normalize(genres[0]);
	const sung = pool.find((track) => normalize(track.genre) === first)?.language;
	return sung === 'english' ? undefined : sung;
}

/** The caller's "sung in French" (anywhere in its request): the language every song must be in. */
export function readSungIn(instructions: string): string | undefined {
	return /\bsung in ([a-z]+)\b/.exec(instructions)?.[1];
}
