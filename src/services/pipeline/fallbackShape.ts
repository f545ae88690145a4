import type { Energy, Phase } from './attributes.js';

// The duration and energy arc a prompt names, read without the LLM (see fallbackAttributes). The text is
// normalized: lower-case, no accents or punctuation ("45-minute" is "45 minute").

/** "45 minute run", "90 min", "2 hours", "1.5 h", "an hour", "half an hour" → minutes; null for none. */
export function readDuration(text: string): number | null {
	if (/\bhalf an hour\b/.test(text)) return 30;
	if (/\ban hour and a half\b/.test(text)) return 90;
	const hours = /\b(\d{1,2})(?: (\d))? ?(?:hours?|hrs?|h)\b/.exec(text);
	if (hours) return Math.round(Number(`${hours[1]}.${hours[2] ?? 0}`) * 60);
	if (/\ban hour\b/.test(text)) return 60;
	const minutes = /\b(\d{1,3}) ?(?:minutes?|mins?)\b/.exec(text);
	return minutes ? Number(minutes[1]) : null;
}

// The phases a prompt may name, in the order an arc runs through them.
const ARC_WORDS: [Phase, RegExp][] = [
	['warm-up', /\bwarm(?:ing)? ?up\b/],
	['build-up', /\bbuild(?:ing|s)? ?up\b/],
	['peak', /\b(?:peak|intervals?|sprints?|climax)\b/],
	['wind-down', /\bwind(?:ing)? ?down\b/],
	['cool-down', /\bcool(?:ing)? ?down\b|\bend(?:s|ing)? calm\b|\bcalm ending\b/],
];

/** The arc a prompt names; an opening or an ending alone gets the middle it implies. None for a peak alone. */
export function readArc(text: string, energy: Energy): Phase[] {
	const named = ARC_WORDS.filter(([, words]) => words.test(text)).map(([phase]) => phase);
	if (named.length === 0 || (named.length === 1 && named[0] === 'peak')) return [];
	const middle: Phase = energy === 'high' ? 'peak' : 'steady';
	if (named.every((phase) => phase === 'wind-down' || phase === 'cool-down')) return [middle, ...named];
	if (named.every((phase) => phase === 'warm-up' || phase === 'build-up')) return [...named, 'peak'];
	return named.slice(0, 4);
}
