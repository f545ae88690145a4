import { PLAIN_FRAMING } from './errorText/errorKind.js';
import { findErrorText } from './errorText/findErrorText.js';

/** One message for a failed start-up that tells the owner what to change. */
export function explainStartError(error: unknown): string {
	return (
		findErrorText(error, 'startup', PLAIN_FRAMING) ??
		`The bot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
	);
}
