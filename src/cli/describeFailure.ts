import { PLAIN_FRAMING } from '../errorText/errorKind.js';
import { findErrorText } from '../errorText/findErrorText.js';

/** One line an owner can act on, for the terminal command. */
export function describeFailure(error: unknown): string {
	return (
		findErrorText(error, 'owner', PLAIN_FRAMING) ??
		`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
	);
}
