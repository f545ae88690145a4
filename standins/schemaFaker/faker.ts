import { deepEqual, fitPrimitive, sameText } from './fit.js';
import { allowsNull, asArray, asNumber, isObject } from './keywords.js';
import { fakeNumber, fakeString } from './primitives.js';
import { SchemaResolver } from './resolver.js';
import type { FakeNode, FakerOptions } from './types.js';

// The generator's walk over a schema: objects, arrays and enums, consulting the caller's hooks at each node and
// keeping only suggestions that fit. Resolution and fresh primitives live in resolver.ts and primitives.ts.

interface Context {
	name: string | undefined;
	index: number | undefined;
	path: string;
	depth: number;
	candidate: unknown;
}

/** Generates one value for `schema`. Unsupported keywords (pattern aside) are ignored rather than rejected. */
export function fakeFromSchema(schema: unknown, options: FakerOptions): unknown {
	const faker = new Faker(schema, options);
	return faker.generate(schema, { name: undefined, index: undefined, path: '$', depth: 0, candidate: undefined });
}

class Faker {
	private readonly resolver: SchemaResolver;

	constructor(
		root: unknown,
		private readonly options: FakerOptions,
	) {
		this.resolver = new SchemaResolver(root);
	}

	private get random(): () => number {
		return this.options.random;
	}

	generate(schema: unknown, ctx: Context): unknown {
		const deep = ctx.depth >= (this.options.maxDepth ?? 8);
		const node = this.resolver.resolve(schema, deep);
		if (node.type === 'null') return null;
		const { schema: s } = node;
		if ('const' in s) return s.const;
		const fakeNode: FakeNode = {
			...node,
			name: ctx.name,
			index: ctx.index,
			path: ctx.path,
			resolve: (x) => this.resolver.resolve(x),
		};
		// A hook may answer null where the schema allows it: "null when the prompt names none".
		if (allowsNull(schema) && this.options.hooks?.value?.(fakeNode) === null) return null;
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
		if (node.type === 'string') return fakeString(node.schema, this.random);
		return fakeNumber(node.schema, node.type === 'integer', this.random);
	}
}
