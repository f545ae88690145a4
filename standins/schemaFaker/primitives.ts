import { fitNumber, fitString, numberRange } from './fit.js';
import { asNumber, safeRegExp } from './keywords.js';
import type { JsonSchemaObject } from './types.js';

// Fresh primitive values when no hook suggestion fits: words, formatted strings (dates, emails, uuids) and numbers
// inside the node's bounds, all drawn from the caller's seeded `random`.

const WORDS = ['amber', 'echo', 'velvet', 'river', 'neon', 'harbor', 'meadow', 'signal', 'lantern', 'orbit', 'cedar'];

export function fakeString(schema: JsonSchemaObject, random: () => number): string {
	const pattern = typeof schema.pattern === 'string' ? safeRegExp(schema.pattern) : undefined;
	let text = '';
	for (let attempt = 0; attempt < 6; attempt++) {
		text = fitString(formatted(schema.format, random), schema);
		if (pattern === undefined || pattern.test(text)) break;
	}
	return text;
}

function formatted(format: unknown, random: () => number): string {
	const word = (): string => WORDS[Math.floor(random() * WORDS.length)] ?? 'echo';
	const day = 1 + Math.floor(random() * 28);
	const date = `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-${String(day).padStart(2, '0')}`;
	switch (format) {
		case 'date-time':
			return `${date}T12:00:00Z`;
		case 'date':
			return date;
		case 'time':
			return '12:00:00Z';
		case 'email':
			return `${word()}@example.com`;
		case 'uri':
		case 'url':
			return `https://example.com/${word()}`;
		case 'uuid':
			return uuid(random);
		case 'ipv4':
			return `10.0.0.${1 + Math.floor(random() * 254)}`;
		default:
			return Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' ');
	}
}

function uuid(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A number inside the bounds, preferring the friendly window 0..100 when the bounds allow it. */
export function fakeNumber(schema: JsonSchemaObject, integer: boolean, random: () => number): number {
	const [low, high] = numberRange(schema, integer);
	const step = asNumber(schema.multipleOf);
	if (step !== undefined && step > 0) {
		const first = Math.ceil(low / step);
		const count = Math.max(1, Math.floor(high / step) - first + 1);
		return (first + Math.floor(random() * count)) * step;
	}
	if (integer) return low + Math.floor(random() * (high - low + 1));
	const value = Math.round((low + random() * (high - low)) * 100) / 100;
	return fitNumber(schema, value, false) ?? (low + high) / 2;
}
