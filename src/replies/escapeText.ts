import { escapeMarkdown } from 'discord.js';

// Text from users, the LLM or Spotify is shown as typed, never as markdown, links or mentions.
// allowedMentions already stops pings; this also stops them rendering as mentions.

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function escapeText(text: string): string {
	return escapeMarkdown(text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), {
		heading: true,
		bulletedList: true,
		numberedList: true,
	})
		.replace(/[[\]()]/g, (char) => `\\${char}`)
		.replace(/<(?=[@#/:a])/g, '<\u200b')
		.replace(/@(everyone|here)/gi, '@\u200b$1')
		.replace(/:\/\//g, ':\u200b//');
}

/** Cuts text to `max` characters with an ellipsis, without splitting an escape sequence. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = text.slice(0, max - 1);
	// Drop a dangling backslash so "\" doesn't escape the ellipsis.
	if (/(?<!\\)(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut}…`;
}
