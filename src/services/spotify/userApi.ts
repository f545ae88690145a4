import type { Logger } from '../../log.js';
import { readBody, SpotifyHttpError } from './itemsRequest.js';
import { isInsufficientScope, MissingScopeError } from './scopes.js';
import { spotifyRequest, type SpotifyRequestPolicy } from './spotifyRequest.js';

// GET requests with a user's token to Web API routes spotify-web-api-node doesn't know (/v1/me/library/contains) or
// knows only with fields since removed. Each goes through spotifyRequest (timeout, bounded retries, typed errors); a
// 403 for a missing scope becomes a MissingScopeError naming the scopes the call needed.

export interface UserApiOptions {
	apiUrl: string;
	policy: SpotifyRequestPolicy;
	logger: Logger;
}

export interface UserGet {
	label: string;
	path: string;
	query: Record<string, string | number>;
	/** What a 403 "Insufficient client scope" means the user must grant. */
	scopes: readonly string[];
}

async function fetchJson(options: UserApiOptions, accessToken: string, get: UserGet): Promise<unknown> {
	const query = new URLSearchParams(
		Object.entries(get.query).map(([name, value]): [string, string] => [name, `${value}`]),
	);
	const response = await fetch(`${options.apiUrl}${get.path}?${query.toString()}`, {
		headers: { authorization: `Bearer ${accessToken}` },
		signal: AbortSignal.timeout(options.policy.timeoutMs),
	});
	const body = await readBody(response);
	if (response.ok) return body;
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
	const error = new SpotifyHttpError(response.status, headers, body);
	throw isInsufficientScope(error) ? new MissingScopeError(get.scopes, { cause: error }) : error;
}

/** One GET with the user's token; the body as JSON. */
export function getWithUserToken(options: UserApiOptions, accessToken: string, get: UserGet): Promise<unknown> {
	return spotifyRequest(options.policy, options.logger, { label: get.label, idempotent: true }, () =>
		fetchJson(options, accessToken, get),
	);
}
