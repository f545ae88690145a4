import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';
import { patchSpec } from './specPatches.js';
import { toFormProblems } from './specProblems.js';

// Request-body checks for the Discord stand-in: the OpenAPI schema (via ajv); the limits the spec leaves out live
// in messageLimits.ts and commandLimits.ts, adjustments to the spec in specPatches.ts.
// The spec is 1.1 MB; it is read once per path and each operation's validator is compiled on first use.

export const DEFAULT_DISCORD_SPEC_PATH = fileURLToPath(new URL('../specs/discord-api.openapi.json', import.meta.url));

export interface SpecOperation {
	method: string;
	template: string;
	pattern: RegExp;
	paramCount: number;
	schema: Json;
}

export interface LoadedSpec {
	ajv: Ajv2020;
	components: Record<string, Json>;
	operations: SpecOperation[];
	validators: Map<string, ValidateFunction>;
}

const SPEC_CACHE = new Map<string, LoadedSpec>();
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Loads (once) the spec at `specPath` and returns it with its ajv instance. */
export function loadDiscordSpec(specPath = DEFAULT_DISCORD_SPEC_PATH): LoadedSpec {
	const cached = SPEC_CACHE.get(specPath);
	if (cached) return cached;
	const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Json>; components: Json };
	const components = (spec.components.schemas ?? {}) as Record<string, Json>;
	patchSpec(components);
	const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
	ajv.addSchema({ $id: 'spec', components: spec.components });
	const loaded = { ajv, components, operations: collectOperations(spec.paths), validators: new Map() };
	SPEC_CACHE.set(specPath, loaded);
	return loaded;
}

function collectOperations(paths: Record<string, Json>): SpecOperation[] {
	const operations: SpecOperation[] = [];
	for (const [template, item] of Object.entries(paths)) {
		for (const method of HTTP_METHODS) {
			const body = (item[method] as Json | undefined)?.requestBody as Json | undefined;
			const schema = ((body?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
			if (!isObject(schema)) continue;
			const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
			const paramCount = (template.match(/\{/g) ?? []).length;
			operations.push({ method, template, pattern: new RegExp(`^${source}$`), paramCount, schema });
		}
	}
	// Literal segments win over parameters: `/messages/@original` before `/messages/{message_id}`.
	return operations.sort((a, b) => a.paramCount - b.paramCount);
}

/** The spec's path template for a request, e.g. `/interactions/{interaction_id}/{interaction_token}/callback`. */
export function findSpecOperation(spec: LoadedSpec, method: string, path: string): SpecOperation | undefined {
	const lower = method.toLowerCase();
	return spec.operations.find((operation) => operation.method === lower && operation.pattern.test(path));
}

/** Validates a JSON body against the operation's requestBody schema; `undefined` when the route is not in the spec. */
export function validateSpecBody(
	spec: LoadedSpec,
	method: string,
	path: string,
	body: unknown,
): FormProblem[] | undefined {
	const operation = findSpecOperation(spec, method, path);
	if (!operation) return undefined;
	const schema = narrowUnion(spec, operation.schema, body);
	const key = `${operation.method} ${operation.template} ${branchKey(schema)}`;
	let validate = spec.validators.get(key);
	if (!validate) {
		validate = spec.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')));
		spec.validators.set(key, validate);
	}
	return validate(body) ? [] : toFormProblems(validate.errors ?? []);
}

function branchKey(schema: Json): string {
	return asArray(schema.anyOf)
		.map((branch) => (isObject(branch) ? String(branch.$ref) : ''))
		.join(',');
}

// Unions such as the interaction callback are discriminated by `type`: keep the matching branches so errors
// speak about the branch the caller meant, not "must be equal to 8" from every other one.
function narrowUnion(spec: LoadedSpec, schema: Json, body: unknown): Json {
	if (!Array.isArray(schema.anyOf) || !isObject(body) || body.type === undefined) return schema;
	const matching = schema.anyOf.filter((branch) => {
		const name = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref.split('/').pop() : undefined;
		const typeSchema = (spec.components[name ?? '']?.properties as Json | undefined)?.type;
		return isObject(typeSchema) && asArray(typeSchema.enum).includes(body.type);
	});
	return matching.length > 0 ? { ...schema, anyOf: matching } : schema;
}
