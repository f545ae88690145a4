import { InvalidPromptError } from '../errors.js';

// What a request may ask for, checked before anything runs; the commands' option limits say the same.

export const PROMPT_MAX_LENGTH = 300;
export const LENGTH_MIN = 5;
export const LENGTH_MAX = 100;
export const LENGTH_DEFAULT = 15;
/** How long a playlist may be asked to last, in minutes. */
export const MINUTES_MIN = 5;
export const MINUTES_MAX = 300;

export const INSTRUCTION_MAX_LENGTH = 300;

/** Typed text with its spaces tidied: it must hold a word (or an emoji) and fit `max`; else `example` shows how. */
function checkText(text: string, rules: { max: number; example: string; what: string }): string {
	const trimmed = text.replace(/\s+/g, ' ').trim();
	if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(trimmed)) throw new InvalidPromptError(rules.example);
	if (trimmed.length > rules.max) throw new InvalidPromptError(`Keep ${rules.what} under ${rules.max} characters.`);
	return trimmed;
}

export const checkPrompt = (prompt: string): string =>
	checkText(prompt, {
		max: PROMPT_MAX_LENGTH,
		example: 'Describe the music you want, e.g. "upbeat k-pop for running".',
		what: 'the description',
	});

/** A change request for Refine…. */
export const checkInstruction = (instruction: string): string =>
	checkText(instruction, {
		max: INSTRUCTION_MAX_LENGTH,
		example: 'Say what should change, e.g. "less rap, more 2000s, no ballads".',
		what: 'the change',
	});

export function checkLength(length: number): number {
	if (!Number.isInteger(length) || length < LENGTH_MIN || length > LENGTH_MAX) {
		throw new InvalidPromptError(`The length must be a whole number from ${LENGTH_MIN} to ${LENGTH_MAX}.`);
	}
	return length;
}

export function checkMinutes(minutes: number): number {
	if (!Number.isInteger(minutes) || minutes < MINUTES_MIN || minutes > MINUTES_MAX) {
		throw new InvalidPromptError(
			`The duration must be a whole number of minutes from ${MINUTES_MIN} to ${MINUTES_MAX}.`,
		);
	}
	return minutes;
}
