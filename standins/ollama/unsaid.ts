import { spokenDecade } from './text.js';

// What a request does not say stays null where the schema allows it, as a model told "or null" answers: an era only
// for a decade the request names. (The language is the composer's: it reads one from a scene too, "j-pop".)

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ anyOf: [..., { type: 'null' }] }` or `{ type: [..., 'null'] }`, as zod writes a nullable. */
function allowsNull(schema: unknown): boolean {
	if (!isRecord(schema)) return false;
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [];
	return types.includes('null') || branches.some((branch) => isRecord(branch) && branch.type === 'null');
}

/** `value` (an object answer) with `era` set to null when `text` names no decade and the schema allows it. */
export function leaveUnsaid(value: unknown, schema: unknown, text: string): unknown {
	if (!isRecord(value) || !isRecord(schema) || !isRecord(schema.properties)) return value;
	const properties = schema.properties;
	const unsaid: Record<string, boolean> = {
		era: spokenDecade(text) === undefined,
	};
	const entries = Object.entries(value).map(([key, item]) => [
		key,
		unsaid[key] === true && allowsNull(properties[key]) ? null : item,
	]);
	return Object.fromEntries(entries);
}
