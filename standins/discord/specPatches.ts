import { asArray, isObject, type Json } from './json.js';

// Adjustments to the loaded spec so that ajv judges bodies the way Discord does. Applied once per spec load.

type Schemas = Record<string, Json>;

export function patchSpec(components: Schemas): void {
	patchPermissionStrings(components);
	patchAutocompleteChoices(components);
	for (const schema of Object.values(components)) discriminateUnions(components, schema);
}

// Discord takes permission bitfields as strings (discord.js sends "8"), but the spec says integer.
function patchPermissionStrings(components: Schemas): void {
	for (const schema of Object.values(components)) {
		const properties = schema.properties as Record<string, Json> | undefined;
		if (properties?.default_member_permissions) {
			properties.default_member_permissions = { type: ['integer', 'string', 'null'], pattern: '^[0-9]+$' };
		}
	}
}

// The spec offers integer, number and string choice lists as alternatives, so a list of 26 strings fails three
// ways and the "25 or fewer" error drowns. Discord reads each choice by its value's type: one list, one item schema.
function patchAutocompleteChoices(components: Schemas): void {
	const request = components.ApplicationCommandAutocompleteCallbackRequest;
	if (!request?.properties) return;
	const ref = (kind: string): Json => ({ $ref: `#/components/schemas/ApplicationCommandOption${kind}Choice` });
	const byValue = (type: string): Json => ({ properties: { value: { type } } });
	const item = {
		if: byValue('string'),
		then: ref('String'),
		else: { if: byValue('integer'), then: ref('Integer'), else: ref('Number') },
	};
	(request.properties as Json).data = {
		type: 'object',
		properties: { choices: { type: ['array', 'null'], maxItems: 25, items: item } },
	};
}

function typeValues(components: Schemas, branch: unknown): unknown[] {
	const name = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref.split('/').pop() : undefined;
	const typeSchema = (components[name ?? '']?.properties as Json | undefined)?.type;
	return isObject(typeSchema) ? asArray(typeSchema.enum) : [];
}

// Component unions (oneOf over a dozen component schemas) become if/then chains on `type`: Discord picks the
// schema by `type` and reports that schema's errors only, where ajv would report every branch's.
function discriminateUnions(components: Schemas, node: unknown): void {
	if (Array.isArray(node)) return node.forEach((child) => discriminateUnions(components, child));
	if (!isObject(node)) return;
	for (const keyword of ['oneOf', 'anyOf']) {
		const chain = Array.isArray(node[keyword]) ? typeChain(components, node[keyword]) : undefined;
		if (!chain) continue;
		delete node[keyword];
		Object.assign(node, chain);
	}
	for (const value of Object.values(node)) discriminateUnions(components, value);
}

function typeChain(components: Schemas, branches: unknown[]): Json | undefined {
	const keyed = branches.map((branch) => ({ branch, values: typeValues(components, branch) }));
	const all = keyed.flatMap((entry) => entry.values);
	if (keyed.length < 2 || keyed.some((entry) => entry.values.length === 0) || new Set(all).size !== all.length)
		return undefined;
	const unmatched: Json = { properties: { type: { enum: all } }, required: ['type'] };
	return keyed.reduceRight<Json>(
		(otherwise, { branch, values }) => ({
			if: { properties: { type: { enum: values } }, required: ['type'] },
			then: branch,
			else: otherwise,
		}),
		unmatched,
	);
}
