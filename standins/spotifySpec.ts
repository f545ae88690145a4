// Answers "is METHOD PATH an operation of Spotify's OpenAPI spec, is it deprecated, are its query params valid?"
// so the stand-in rejects exactly what Spotify's spec marks as gone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('./specs/spotify-web-api.openapi.yml', import.meta.url));

export interface SpecSchema {
	type?: string;
	minimum?: number;
	maximum?: number;
	enum?: unknown[];
	items?: SpecSchema;
	default?: unknown;
}

export interface SpecParameter {
	name: string;
	in: string;
	required: boolean;
	schema: SpecSchema;
}

export interface SpecOperation {
	method: string;
	/** The spec's path template under /v1, e.g. `/playlists/{playlist_id}/items`. */
	template: string;
	operationId: string;
	deprecated: boolean;
	parameters: SpecParameter[];
}

export interface SpecMatch {
	operation: SpecOperation;
	pathParams: Record<string, string>;
}

export interface QueryProblem {
	name: string;
	problem: 'missing' | 'invalid';
}

export interface SpotifySpec {
	operations: readonly SpecOperation[];
	findOperation(method: string, path: string): SpecMatch | null;
	checkQuery(operation: SpecOperation, query: Record<string, string>): QueryProblem | null;
}

interface RawParameter {
	$ref?: string;
	name?: string;
	in?: string;
	required?: boolean;
	schema?: SpecSchema;
}

interface RawOperation {
	operationId?: string;
	deprecated?: boolean;
	parameters?: RawParameter[];
}

interface RawSpec {
	paths: Record<string, Record<string, RawOperation>>;
	components?: { parameters?: Record<string, RawParameter> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
// Parsing the 7,500-line YAML takes ~0.4 s: do it once per file and worker, not per stand-in.
const SPEC_CACHE = new Map<string, SpotifySpec>();

export function loadSpotifySpec(file = DEFAULT_SPEC_PATH): SpotifySpec {
	const cached = SPEC_CACHE.get(file);
	if (cached) return cached;
	const raw = parse(readFileSync(file, 'utf8')) as RawSpec;
	const operations = collectOperations(raw);
	const spec: SpotifySpec = {
		operations,
		findOperation: (method, path) => findOperation(operations, method, path),
		checkQuery,
	};
	SPEC_CACHE.set(file, spec);
	return spec;
}

function collectOperations(raw: RawSpec): SpecOperation[] {
	const shared = raw.components?.parameters ?? {};
	return Object.entries(raw.paths).flatMap(([template, item]) =>
		Object.entries(item)
			.filter(([method]) => HTTP_METHODS.has(method))
			.map(([method, op]) => ({
				method: method.toUpperCase(),
				template,
				operationId: op.operationId ?? `${method} ${template}`,
				deprecated: op.deprecated === true,
				parameters: (op.parameters ?? []).map((param) => resolveParameter(param, shared)),
			})),
	);
}

function resolveParameter(param: RawParameter, shared: Record<string, RawParameter>): SpecParameter {
	const target = param.$ref ? shared[param.$ref.split('/').pop() ?? ''] : param;
	if (!target?.name || !target.in) throw new Error(`Unresolvable parameter ${param.$ref ?? JSON.stringify(param)}`);
	return { name: target.name, in: target.in, required: target.required === true, schema: target.schema ?? {} };
}

/** `path` is the request path (`/v1/...`); a trailing slash is accepted as spotify-web-api-node sends one. */
function findOperation(operations: readonly SpecOperation[], method: string, path: string): SpecMatch | null {
	if (!path.startsWith('/v1/')) return null;
	const segments = path.slice(3).replace(/\/+$/, '').split('/').slice(1);
	let best: { match: SpecMatch; literals: number } | null = null;
	for (const operation of operations) {
		if (operation.method !== method.toUpperCase()) continue;
		const candidate = matchTemplate(operation.template, segments);
		if (candidate && (!best || candidate.literals > best.literals)) {
			best = { match: { operation, pathParams: candidate.params }, literals: candidate.literals };
		}
	}
	return best?.match ?? null;
}

function matchTemplate(
	template: string,
	segments: string[],
): { params: Record<string, string>; literals: number } | null {
	const parts = template.split('/').slice(1);
	if (parts.length !== segments.length) return null;
	const params: Record<string, string> = {};
	let literals = 0;
	for (const [i, part] of parts.entries()) {
		const segment = segments[i] ?? '';
		const name = /^\{(.+)\}$/.exec(part)?.[1];
		if (name !== undefined && segment !== '') params[name] = safeDecode(segment);
		else if (part === segment) literals++;
		else return null;
	}
	return { params, literals };
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function checkQuery(operation: SpecOperation, query: Record<string, string>): QueryProblem | null {
	for (const param of operation.parameters) {
		if (param.in !== 'query') continue;
		const value = query[param.name];
		if (value === undefined) {
			if (param.required) return { name: param.name, problem: 'missing' };
			continue;
		}
		if (!valueFits(param.schema, value)) return { name: param.name, problem: 'invalid' };
	}
	return null;
}

function valueFits(schema: SpecSchema, value: string): boolean {
	switch (schema.type) {
		case 'integer':
			return integerFits(schema, value);
		case 'boolean':
			return value === 'true' || value === 'false';
		case 'array':
			return value.split(',').every((item) => valueFits(schema.items ?? {}, item.trim()));
		default:
			return !schema.enum || schema.enum.includes(value);
	}
}

function integerFits(schema: SpecSchema, value: string): boolean {
	if (!/^-?\d+$/.test(value)) return false;
	const number = Number(value);
	return (
		(schema.minimum === undefined || number >= schema.minimum) &&
		(schema.maximum === undefined || number <= schema.maximum)
	);
}
