import { asArray, inferType, isNullSchema, isObject } from './keywords.js';
import type { JsonSchemaObject, ResolvedNode } from './types.js';

// Turns any schema node into one concrete node: follows local $refs against the root, picks a union branch,
// merges allOf and settles on a single type. Depth decides whether nullable branches end recursion.

export class SchemaResolver {
	constructor(private readonly root: unknown) {}

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
}
