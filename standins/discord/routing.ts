import { checkAutocompleteLimits, checkModalLimits } from './callbackLimits.js';
import { checkCommandLimits } from './commandLimits.js';
import type { FormProblem } from './formProblems.js';
import type { Reply } from './http.js';
import { isObject, type Json } from './json.js';
import { checkMessageLimits } from './messageLimits.js';
import type { RecordedRequest } from './types.js';

// The REST route table's vocabulary: a route is method + path template + how it authenticates + which body limits
// apply. The routes themselves are assembled in routes.ts from the parts that own each resource.

export interface RouteContext {
	params: string[];
	body: unknown;
	query: URLSearchParams;
	record: RecordedRequest;
}

export interface BodyRules {
	limits: (body: unknown) => FormProblem[];
	messageOf: (body: unknown) => Json | undefined;
}

export interface Route {
	method: string;
	pattern: RegExp;
	/** 'bot': Authorization header; 'token': the interaction token in the path; 'none': public. */
	auth: 'bot' | 'token' | 'none';
	rules?: BodyRules;
	handle: (context: RouteContext) => Reply;
}

export interface RouteMatch {
	route: Route;
	params: string[];
}

/** `/a/:x/b` → /^\/a\/([^/]+)\/b$/ */
function compilePattern(template: string): RegExp {
	const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/:[a-z]+/gi, '([^/]+)');
	return new RegExp(`^${source}$`);
}

export function route(
	method: string,
	template: string,
	auth: Route['auth'],
	handle: Route['handle'],
	rules?: BodyRules,
): Route {
	return { method, pattern: compilePattern(template), auth, handle, rules };
}

export function matchRoute(routes: Route[], method: string, path: string): RouteMatch | undefined {
	for (const candidate of routes) {
		const found = candidate.method === method ? candidate.pattern.exec(path) : null;
		if (found) return { route: candidate, params: found.slice(1) };
	}
	return undefined;
}

function hasMessageData(body: unknown): body is { type: number; data: Json } {
	return isObject(body) && (body.type === 4 || body.type === 7) && isObject(body.data);
}

function callbackLimits(body: unknown): FormProblem[] {
	if (hasMessageData(body)) return checkMessageLimits(body.data, ['data']);
	if (!isObject(body)) return [];
	if (body.type === 9) return checkModalLimits(body.data, ['data']);
	if (body.type === 8) return checkAutocompleteLimits(body.data, ['data']);
	return [];
}

export const MESSAGE_RULES: BodyRules = {
	limits: (body) => checkMessageLimits(body),
	messageOf: (body) => (isObject(body) ? body : undefined),
};
export const CALLBACK_RULES: BodyRules = {
	limits: callbackLimits,
	messageOf: (body) => (hasMessageData(body) ? body.data : undefined),
};
export const COMMAND_RULES: BodyRules = { limits: (body) => checkCommandLimits(body), messageOf: () => undefined };
