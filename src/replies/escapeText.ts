import { escapeMarkdown } from 'discord.js';
import { truncate as truncateText } from '../services/pipeline/truncate.js';

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

// Drops a dangling backslash so "\" doesn't escape the ellipsis.
const dropDanglingBackslash = (cut: string) => (/(?<!\\)(\\\\)*\\$/.test(cut) ? cut.slice(0, -1) : cut);

/** Cuts escaped text to `max` characters (UTF-16 units, as String length) with an ellipsis, keeping escapes whole. */
export function truncate(text: string, max: number): string {
	return truncateText(text, max, { unit: 'utf16', tidy: dropDanglingBackslash });
}
