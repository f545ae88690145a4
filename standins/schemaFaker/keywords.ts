import type { JsonSchemaObject } from './types.js';

// Safe reads of untrusted schema keywords: each helper checks the keyword's JSON type before anyone relies on it.

export function isObject(value: unknown): value is JsonSchemaObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

export function isNullSchema(schema: unknown): boolean {
	return isObject(schema) && (schema.type === 'null' || (schema.const === null && schema.type === undefined));
}

/** `{ anyOf: [..., { type: 'null' }] }` or `{ type: [..., 'null'] }`, as zod writes a nullable. */
export function allowsNull(schema: unknown): boolean {
	if (!isObject(schema)) return false;
	const branches = asArray(schema.anyOf) ?? asArray(schema.oneOf) ?? [];
	return (asArray(schema.type) ?? []).includes('null') || branches.some(isNullSchema);
}

/** Guesses the type of a schema without `type`, from the keywords it uses. */
export function inferType(schema: JsonSchemaObject): string {
	if (schema.properties !== undefined || schema.required !== undefined || schema.additionalProperties !== undefined) {
		return 'object';
	}
	if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
	if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined) return 'number';
	return 'string';
}

export function safeRegExp(source: string): RegExp | undefined {
	try {
		return new RegExp(source, 'u');
	} catch {
		return undefined;
	}
}
