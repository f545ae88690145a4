import { normalizePrompt } from './normalize.js';
import { quoteFilterValue } from '../spotify/catalog.js';

// What the bot knows of a language's music on Spotify: the market of its main country, and how Spotify's catalog
// tags its scenes ("rap français", "filmi"), so searches find the scene itself rather than the global genre.

export interface LanguageProfile {
	/** As users and the LLM are told it: "French". */
	name: string;
	/** The market (ISO country code) of the language's main country; null for a language the bot has no table for. */
	market: string | null;
	/** Scene tags by the words of a genre: the first whose word the genre holds wins ("hip-hop" → "rap français"). */
	scenes: { words: string[]; tag: string }[];
}

const RAP = ['rap', 'hip', 'trap', 'drill'];

// Spanish goes to Mexico: the largest Spanish-speaking market, where nearly all Latin releases are available.
const PROFILES: Record<string, LanguageProfile> = {
	french: {
		name: 'French',
		market: 'FR',
		scenes: [
			{ words: RAP, tag: 'rap français' },
			{ words: ['rock'], tag: 'rock français' },
			{ words: ['house', 'electro', 'edm'], tag: 'french house' },
			{ words: ['pop', 'variete'], tag: 'variété française' },
		],
	},
	japanese: {
		name: 'Japanese',
		market: 'JP',
		scenes: [
			{ words: RAP, tag: 'japanese hip hop' },
			{ words: ['city'], tag: 'city pop' },
			{ words: ['anime'], tag: 'anime' },
			{ words: ['rock'], tag: 'j-rock' },
			{ words: ['pop'], tag: 'j-pop' },
		],
	},
	korean: {
		name: 'Korean',
		market: 'KR',
		scenes: [
			{ words: ['ballad', 'ballads'], tag: 'k-ballad' },
			{ words: RAP, tag: 'k-rap' },
			{ words: ['r', 'rnb', 'soul'], tag: 'korean r&b' },
			{ words: ['indie'], tag: 'k-indie' },
			{ words: ['rock'], tag: 'k-rock' },
			{ words: ['pop'], tag: 'k-pop' },
		],
	},
	hindi: {
		name: 'Hindi',
		market: 'IN',
		scenes: [
			{ words: RAP, tag: 'desi hip hop' },
			{ words: ['bollywood', 'filmi', 'film', 'soundtrack'], tag: 'filmi' },
			{ words: ['pop'], tag: 'desi pop' },
		],
	},
	spanish: {
		name: 'Spanish',
		market: 'MX',
		scenes: [
			{ words: ['mexican', 'mexicana', 'regional', 'corrido', 'corridos', 'banda', 'norteno'], tag: 'musica mexicana' },
			{ words: ['reggaeton', 'urbano'], tag: 'reggaeton' },
			{ words: RAP, tag: 'trap latino' },
			{ words: ['rock'], tag: 'rock en español' },
			{ words: ['pop'], tag: 'latin pop' },
		],
	},
	portuguese: {
		name: 'Portuguese',
		market: 'BR',
		scenes: [
			{ words: ['mpb', 'bossa'], tag: 'mpb' },
			{ words: ['sertanejo', 'country'], tag: 'sertanejo' },
			{ words: ['funk'], tag: 'funk carioca' },
			{ words: RAP, tag: 'trap brasileiro' },
			{ words: ['pop'], tag: 'pop nacional' },
		],
	},
	german: {
		name: 'German',
		market: 'DE',
		scenes: [
			{ words: [...RAP, 'deutschrap'], tag: 'deutschrap' },
			{ words: ['schlager'], tag: 'schlager' },
			{ words: ['rock'], tag: 'deutschrock' },
			{ words: ['pop'], tag: 'german pop' },
		],
	},
	italian: {
		name: 'Italian',
		market: 'IT',
		scenes: [
			{ words: RAP, tag: 'rap italiano' },
			{ words: ['cantautori', 'songwriter'], tag: 'cantautori' },
			{ words: ['pop'], tag: 'italian pop' },
		],
	},
};

// The words a language (or its region) goes by in the LLM's answers.
const ALIASES: Record<string, string> = {
	francais: 'french',
	japan: 'japanese',
	korea: 'korean',
	india: 'hindi',
	indian: 'hindi',
	bollywood: 'hindi',
	espanol: 'spanish',
	castellano: 'spanish',
	mexican: 'spanish',
	mexico: 'spanish',
	latin: 'spanish',
	brazilian: 'portuguese',
	brazil: 'portuguese',
	portugues: 'portuguese',
	deutsch: 'german',
	italiano: 'italian',
};

// A language the bot has no table for still goes to the LLM, so only a plain name of one may ("Swahili").
const PLAIN_NAME = /^\p{L}[\p{L} -]{1,29}$/u;
// What a model writes for "no particular language".
const NO_LANGUAGE = new Set(['english', 'none', 'instrumental', 'any', 'various', 'mixed', 'multiple', 'null']);

/** The profile of the language the LLM read ("French", "spanish (mexico)"); null for none, English or nonsense. */
export function findLanguage(language: string | null | undefined): LanguageProfile | null {
	const words = normalizePrompt(language ?? '').split(' ');
	const known = words.map((word) => ALIASES[word] ?? word).find((word) => PROFILES[word] !== undefined);
	if (known) return PROFILES[known] ?? null;
	if (words.some((word) => NO_LANGUAGE.has(word)) || !language || !PLAIN_NAME.test(language.trim())) return null;
	const name = language.trim();
	return { name: name.charAt(0).toUpperCase() + name.slice(1), market: null, scenes: [] };
}

/** The scene tag Spotify gives `genre` in the language: "hip-hop" → "rap français"; the genre itself when none fits. */
export function sceneTag(profile: LanguageProfile, genre: string): string {
	const words = normalizePrompt(genre).split(' ');
	return profile.scenes.find((scene) => scene.words.some((word) => words.includes(word)))?.tag ?? genre;
}

/**
 * A search for `words` about the prompt's music: in a language the bot knows, within its first scene (free words
 * alone find songs in any language); otherwise beside the first genre's name.
 */
export function wordSearch(attributes: { genres: string[]; language: string | null }, words: string): string {
	const [genre = ''] = sceneGenres(attributes);
	const scoped = Boolean(findLanguage(attributes.language)?.market);
	return scoped ? `genre:${quoteFilterValue(genre)} ${words}` : `${genre} ${words}`;
}

/** The genres to search for: in a language the bot knows, each as Spotify tags its scene in that language. */
export function sceneGenres(attributes: { genres: string[]; language: string | null }): string[] {
	const profile = findLanguage(attributes.language);
	return profile ? [...new Set(attributes.genres.map((genre) => sceneTag(profile, genre)))] : attributes.genres;
}
