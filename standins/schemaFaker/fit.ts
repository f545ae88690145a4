import { asNumber, safeRegExp } from './keywords.js';
import type { JsonSchemaObject, ResolvedNode } from './types.js';

// Making a value fit a node: strings trimmed or padded to their lengths, numbers checked against bounds and steps,
// and the comparisons the faker uses to match hook suggestions and keep array items unique.

/** Trims or pads `text` to the node's minLength/maxLength (counted in code points and UTF-16 units alike). */
export function fitString(text: string, schema: JsonSchemaObject): string {
	const max = asNumber(schema.maxLength);
	const min = asNumber(schema.minLength) ?? 0;
	let chars = Array.from(text);
	if (max !== undefined) {
		while (chars.length > 0 && chars.join('').length > max) chars.pop();
		const trimmed = Array.from(chars.join('').trimEnd());
		if (trimmed.length >= min) chars = trimmed;
	}
	while (chars.length < min) chars.push('x');
	return chars.join('');
}

/** Closed bounds for generation, with exclusive bounds moved inwards. */
export function numberRange(schema: JsonSchemaObject, integer: boolean): [number, number] {
	let low = asNumber(schema.minimum);
	let high = asNumber(schema.maximum);
	const exLow = exclusiveBound(schema.exclusiveMinimum, schema.minimum);
	const exHigh = exclusiveBound(schema.exclusiveMaximum, schema.maximum);
	const nudge = integer ? 1 : 0.01;
	if (exLow !== undefined) low = Math.max(low ?? -Infinity, exLow + nudge);
	if (exHigh !== undefined) high = Math.min(high ?? Infinity, exHigh - nudge);
	const windowLow = Math.max(low ?? 0, 0);
	const windowHigh = Math.min(high ?? 100, 100);
	let range: [number, number];
	if (windowLow <= windowHigh) range = [windowLow, windowHigh];
	else if (low !== undefined && high === undefined) range = [low, low + 100];
	else if (high !== undefined && low === undefined) range = [high - 100, high];
	else range = [low ?? 0, high ?? 100];
	return integer ? [Math.ceil(range[0]), Math.max(Math.ceil(range[0]), Math.floor(range[1]))] : range;
}

/** Draft 2020-12 uses numbers; draft 4 used booleans that make minimum/maximum exclusive. */
function exclusiveBound(flag: unknown, bound: unknown): number | undefined {
	if (typeof flag === 'number') return flag;
	return flag === true ? asNumber(bound) : undefined;
}

/** Returns the candidate adjusted to fit a primitive node, or undefined when it cannot fit. */
export function fitPrimitive(node: ResolvedNode, value: unknown): unknown {
	if (value === undefined) return undefined;
	if (node.type === 'string' && typeof value === 'string') {
		const text = fitString(value, node.schema);
		const pattern = typeof node.schema.pattern === 'string' ? safeRegExp(node.schema.pattern) : undefined;
		return pattern === undefined || pattern.test(text) ? text : undefined;
	}
	if ((node.type === 'number' || node.type === 'integer') && typeof value === 'number') {
		return fitNumber(node.schema, value, node.type === 'integer');
	}
	if (node.type === 'boolean' && typeof value === 'boolean') return value;
	return undefined;
}

export function fitNumber(schema: JsonSchemaObject, value: number, integer: boolean): number | undefined {
	if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return undefined;
	const min = asNumber(schema.minimum);
	const max = asNumber(schema.maximum);
	const exMin = exclusiveBound(schema.exclusiveMinimum, schema.minimum);
	const exMax = exclusiveBound(schema.exclusiveMaximum, schema.maximum);
	const step = asNumber(schema.multipleOf);
	if ((min !== undefined && value < min) || (max !== undefined && value > max)) return undefined;
	if ((exMin !== undefined && value <= exMin) || (exMax !== undefined && value >= exMax)) return undefined;
	if (step !== undefined && step > 0 && Math.abs(value / step - Math.round(value / step)) > 1e-9) return undefined;
	return value;
}

export function sameText(a: unknown, b: unknown): boolean {
	return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

export function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
