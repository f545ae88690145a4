// Generates values that satisfy a JSON schema (the subset zod 4's z.toJSONSchema() emits), so the Ollama stand-in can
// answer structured-output requests. Hooks let the caller steer values (pool tracks, genres) while the faker keeps
// every value valid: a hook's suggestion is used only when it fits the schema node.

/** A JSON schema node as received over HTTP: untrusted, so every keyword is checked before use. */
export interface JsonSchemaObject {
	type?: unknown;
	properties?: unknown;
	required?: unknown;
	items?: unknown;
	prefixItems?: unknown;
	minItems?: unknown;
	maxItems?: unknown;
	uniqueItems?: unknown;
	enum?: unknown;
	const?: unknown;
	anyOf?: unknown;
	oneOf?: unknown;
	allOf?: unknown;
	minLength?: unknown;
	maxLength?: unknown;
	pattern?: unknown;
	format?: unknown;
	minimum?: unknown;
	maximum?: unknown;
	exclusiveMinimum?: unknown;
	exclusiveMaximum?: unknown;
	multipleOf?: unknown;
	$ref?: unknown;
	[key: string]: unknown;
}

/** A schema node after $ref, anyOf/oneOf/allOf and multi-type resolution. */
export interface ResolvedNode {
	schema: JsonSchemaObject;
	/** The JSON type that will be generated: object, array, string, number, integer, boolean or null. */
	type: string;
}

/** Where the faker is, handed to hooks. */
export interface FakeNode extends ResolvedNode {
	/** Property name holding this value; array items inherit the array's name. */
	name: string | undefined;
	/** Position inside the enclosing array, if any. */
	index: number | undefined;
	/** JSONPath-like location, e.g. `$.suggestions[2].title`. */
	path: string;
	/** Resolves any schema (e.g. `schema.items`) against the same root, for shape checks in hooks. */
	resolve(schema: unknown): ResolvedNode;
}

export interface FakerHooks {
	/** A preferred primitive value for this node; ignored when it does not fit (strings are trimmed to fit first). */
	value?(node: FakeNode): unknown;
	/** Desired length of an array before clamping to minItems/maxItems. */
	arrayLength?(node: FakeNode): number | undefined;
	/** Preferred primitive values for some properties of an object, so related fields (title + artist) agree. */
	properties?(node: FakeNode): Record<string, unknown> | undefined;
}

export interface FakerOptions {
	random: () => number;
	hooks?: FakerHooks;
	/** Past this nesting depth, nullable branches pick null and arrays stay minimal, so recursive $refs end. */
	maxDepth?: number;
}

interface Context {
	name: string | undefined;
	index: number | undefined;
	path: string;
	depth: number;
	candidate: unknown;
}

const WORDS = ['amber', 'echo', 'velvet', 'river', 'neon', 'harbor', 'meadow', 'signal', 'lantern', 'orbit', 'cedar'];

/** Small seeded PRNG (mulberry32): fast, good enough for test data, and identical on every run. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Generates one value for `schema`. Unsupported keywords (pattern aside) are ignored rather than rejected. */
export function fakeFromSchema(schema: unknown, options: FakerOptions): unknown {
	const faker = new Faker(schema, options);
	return faker.generate(schema, { name: undefined, index: undefined, path: '$', depth: 0, candidate: undefined });
}

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

function isObject(value: unknown): value is JsonSchemaObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function asArray(value: unknown): unknown[] | undefined {
	return Array.isArray(value) ? value : undefined;
}

function isNullSchema(schema: unknown): boolean {
	return isObject(schema) && (schema.type === 'null' || (schema.const === null && schema.type === undefined));
}

/** Guesses the type of a schema without `type`, from the keywords it uses. */
function inferType(schema: JsonSchemaObject): string {
	if (schema.properties !== undefined || schema.required !== undefined || schema.additionalProperties !== undefined) {
		return 'object';
	}
	if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
	if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined) return 'number';
	return 'string';
}

class Faker {
	constructor(
		private readonly root: unknown,
		private readonly options: FakerOptions,
	) {}

	private get random(): () => number {
		return this.options.random;
	}

	generate(schema: unknown, ctx: Context): unknown {
		const deep = ctx.depth >= (this.options.maxDepth ?? 8);
		const node = this.resolve(schema, deep);
		if (node.type === 'null') return null;
		const { schema: s } = node;
		if ('const' in s) return s.const;
		const fakeNode: FakeNode = {
			...node,
			name: ctx.name,
			index: ctx.index,
			path: ctx.path,
			resolve: (x) => this.resolve(x),
		};
		const choices = asArray(s.enum);
		if (choices !== undefined && choices.length > 0) return this.pickEnum(choices, fakeNode, ctx);
		switch (node.type) {
			case 'object':
				return this.object(fakeNode, ctx, deep);
			case 'array':
				return this.array(fakeNode, ctx, deep);
			case 'string':
			case 'number':
			case 'integer':
			case 'boolean':
				return this.primitive(fakeNode, ctx);
			default:
				return 'value';
		}
	}

	/** Follows $ref, picks the first non-null anyOf/oneOf branch (null when too deep) and one concrete type. */
	resolve(schema: unknown, deep = false, hops = 0): ResolvedNode {
		if (schema === true || schema === undefined) return { schema: {}, type: 'string' };
		if (!isObject(schema)) return { schema: {}, type: 'null' };
		if (typeof schema.$ref === 'string' && hops < 32) return this.resolve(this.lookup(schema.$ref), deep, hops + 1);
		const branches = asArray(schema.anyOf) ?? asArray(schema.oneOf);
		if (branches !== undefined && branches.length > 0) {
			const nonNull = branches.find((b) => !isNullSchema(b));
			const wanted = deep && branches.some(isNullSchema) ? undefined : nonNull;
			return wanted === undefined ? { schema: {}, type: 'null' } : this.resolve(wanted, deep, hops + 1);
		}
		const all = asArray(schema.allOf);
		if (all !== undefined && all.length > 0) return this.resolve(this.mergeAll(schema, all), deep, hops + 1);
		return { schema, type: this.chooseType(schema, deep) };
	}

	private chooseType(schema: JsonSchemaObject, deep: boolean): string {
		if (typeof schema.type === 'string') return schema.type;
		const types = asArray(schema.type)?.filter((t): t is string => typeof t === 'string');
		if (types !== undefined && types.length > 0) {
			if (deep && types.includes('null')) return 'null';
			return types.find((t) => t !== 'null') ?? 'null';
		}
		return inferType(schema);
	}

	/** allOf of objects (zod intersections): merge properties and required lists into one node. */
	private mergeAll(schema: JsonSchemaObject, all: unknown[]): JsonSchemaObject {
		const merged: JsonSchemaObject = { ...schema, allOf: undefined };
		const properties: Record<string, unknown> = isObject(schema.properties) ? { ...schema.properties } : {};
		const required = new Set(asArray(schema.required) ?? []);
		for (const part of all) {
			const { schema: p } = this.resolve(part);
			Object.assign(merged, p);
			if (isObject(p.properties)) Object.assign(properties, p.properties);
			for (const r of asArray(p.required) ?? []) required.add(r);
		}
		return { ...merged, allOf: undefined, properties, required: [...required] };
	}

	/** Local JSON pointers only (`#`, `#/$defs/x`, `#/definitions/x`): zod never emits remote refs. */
	private lookup(ref: string): unknown {
		if (!ref.startsWith('#')) return true;
		const parts = ref.slice(1).split('/').filter(Boolean);
		let current: unknown = this.root;
		for (const raw of parts) {
			const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
			current = isObject(current) || Array.isArray(current) ? (current as Record<string, unknown>)[key] : undefined;
		}
		return current ?? true;
	}

	private pickEnum(choices: unknown[], node: FakeNode, ctx: Context): unknown {
		for (const wanted of [ctx.candidate, this.options.hooks?.value?.(node)]) {
			if (wanted === undefined) continue;
			const found = choices.find((c) => c === wanted) ?? choices.find((c) => sameText(c, wanted));
			if (found !== undefined) return found;
		}
		return choices[Math.floor(this.random() * choices.length)];
	}

	private object(node: FakeNode, ctx: Context, deep: boolean): Record<string, unknown> {
		const properties = isObject(node.schema.properties) ? node.schema.properties : {};
		const required = new Set((asArray(node.schema.required) ?? []).filter((r) => typeof r === 'string'));
		const preferred = this.options.hooks?.properties?.(node) ?? {};
		const result: Record<string, unknown> = {};
		const keys = [...new Set([...Object.keys(properties), ...required])];
		for (const key of keys) {
			if (deep && !required.has(key)) continue;
			const child = { name: key, index: undefined, path: `${ctx.path}.${key}`, depth: ctx.depth + 1 };
			result[key] = this.generate(properties[key], { ...child, candidate: preferred[key] });
		}
		return result;
	}

	private array(node: FakeNode, ctx: Context, deep: boolean): unknown[] {
		const { schema } = node;
		const prefix = asArray(schema.prefixItems) ?? asArray(schema.items) ?? [];
		const rest = Array.isArray(schema.items) ? false : schema.items;
		const min = Math.max(asNumber(schema.minItems) ?? 0, prefix.length);
		let max = asNumber(schema.maxItems) ?? Number.POSITIVE_INFINITY;
		if (rest === false) max = Math.min(max, prefix.length);
		const wanted = deep ? min : (this.options.hooks?.arrayLength?.(node) ?? 1 + Math.floor(this.random() * 3));
		const length = Math.max(min, Math.min(max, Math.floor(wanted)));
		const items: unknown[] = [];
		for (let index = 0; index < length; index++) {
			const itemSchema = index < prefix.length ? prefix[index] : rest;
			const child = { name: ctx.name, index, path: `${ctx.path}[${index}]`, depth: ctx.depth + 1 };
			items.push(this.uniqueItem(itemSchema, { ...child, candidate: undefined }, items, schema.uniqueItems === true));
		}
		return items;
	}

	/** uniqueItems: retry a few times for primitives; objects from hooks are distinct enough in practice. */
	private uniqueItem(schema: unknown, ctx: Context, existing: unknown[], unique: boolean): unknown {
		let value = this.generate(schema, ctx);
		for (let attempt = 0; unique && attempt < 8 && existing.some((e) => deepEqual(e, value)); attempt++) {
			value = this.generate(schema, { ...ctx, candidate: undefined, index: undefined });
		}
		return value;
	}

	private primitive(node: FakeNode, ctx: Context): unknown {
		for (const wanted of [ctx.candidate, this.options.hooks?.value?.(node)]) {
			const fitted = fitPrimitive(node, wanted);
			if (fitted !== undefined) return fitted;
		}
		if (node.type === 'boolean') return this.random() < 0.5;
		if (node.type === 'string') return this.string(node.schema);
		return this.number(node.schema, node.type === 'integer');
	}

	private string(schema: JsonSchemaObject): string {
		const pattern = typeof schema.pattern === 'string' ? safeRegExp(schema.pattern) : undefined;
		let text = '';
		for (let attempt = 0; attempt < 6; attempt++) {
			text = fitString(this.formatted(schema.format), schema);
			if (pattern === undefined || pattern.test(text)) break;
		}
		return text;
	}

	private formatted(format: unknown): string {
		const word = (): string => WORDS[Math.floor(this.random() * WORDS.length)] ?? 'echo';
		const day = 1 + Math.floor(this.random() * 28);
		const date = `20${10 + Math.floor(this.random() * 15)}-0${1 + Math.floor(this.random() * 9)}-${String(day).padStart(2, '0')}`;
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
				return this.uuid();
			case 'ipv4':
				return `10.0.0.${1 + Math.floor(this.random() * 254)}`;
			default:
				return Array.from({ length: 1 + Math.floor(this.random() * 3) }, word).join(' ');
		}
	}

	private uuid(): string {
		const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
	}

	/** A number inside the bounds, preferring the friendly window 0..100 when the bounds allow it. */
	private number(schema: JsonSchemaObject, integer: boolean): number {
		const [low, high] = numberRange(schema, integer);
		const step = asNumber(schema.multipleOf);
		if (step !== undefined && step > 0) {
			const first = Math.ceil(low / step);
			const count = Math.max(1, Math.floor(high / step) - first + 1);
			return (first + Math.floor(this.random() * count)) * step;
		}
		if (integer) return low + Math.floor(this.random() * (high - low + 1));
		const value = Math.round((low + this.random() * (high - low)) * 100) / 100;
		return fitNumber(schema, value, false) ?? (low + high) / 2;
	}
}

/** Closed bounds for generation, with exclusive bounds moved inwards. */
function numberRange(schema: JsonSchemaObject, integer: boolean): [number, number] {
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
function fitPrimitive(node: ResolvedNode, value: unknown): unknown {
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

function fitNumber(schema: JsonSchemaObject, value: number, integer: boolean): number | undefined {
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

function safeRegExp(source: string): RegExp | undefined {
	try {
		return new RegExp(source, 'u');
	} catch {
		return undefined;
	}
}

function sameText(a: unknown, b: unknown): boolean {
	return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
