import { PROMPT_MAX_LENGTH } from '../services/pipeline/requestChecks.js';

// What of a chat message can describe music: its words, without mentions, custom emoji, timestamps and links.
const NOT_WORDS = [
	/<(?:@[!&]?|#)\d+>/g, // user, role and channel mentions
	/<\/[\w -]+:\d+>/g, // command mentions
	/<a?:\w+:\d+>/g, // custom emoji
	/<t:-?\d+(?::[tTdDfFR])?>/g, // timestamps
	/<?https?:\/\/\S+>?/g, // links, also the <…> that hides a preview
	/@(?:everyone|here)\b/g,
];

/** The message's text as a prompt, cut to the prompt's limit at a word; null when nothing usable is left. */
export function promptFromMessage(content: string): string | null {
	const text = NOT_WORDS.reduce((rest, pattern) => rest.replace(pattern, ' '), content)
		.replace(/\s+/g, ' ')
		.trim();
	if (!/[\p{L}\p{N}]/u.test(text)) return null;
	if (text.length <= PROMPT_MAX_LENGTH) return text;
	const cut = text.slice(0, PROMPT_MAX_LENGTH + 1);
	const lastSpace = cut.lastIndexOf(' ');
	return (lastSpace > PROMPT_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut.slice(0, PROMPT_MAX_LENGTH)).trim();
}
