import type { Framing } from '../errorText/errorKind.js';
import { findErrorText } from '../errorText/findErrorText.js';
import { escapeText, truncate } from './escapeText.js';

/** Typed text is shown literally, never as Markdown or mentions, and a long prompt is cut. */
const DISCORD_FRAMING: Framing = {
	quote: (text) => `“${truncate(escapeText(text), 100)}”`,
	code: (text) => `\`${text}\``,
};

/** What to tell the user about a failure, or null when only a generic line with an error id fits. */
export function userMessageFor(error: unknown): string | null {
	return findErrorText(error, 'user', DISCORD_FRAMING);
}
