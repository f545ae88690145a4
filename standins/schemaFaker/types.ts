// The schema faker's public shapes: the untrusted schema node, the resolved node hooks see, and the options.
// Re-exported by ../schemaFaker.ts.

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
	/**
	 * A preferred primitive value for this node; ignored when it does not fit (strings are trimmed to fit first).
	 * null, for a node whose schema allows null, makes the value null.
	 */
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
