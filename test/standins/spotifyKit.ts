import { afterEach } from 'vitest';
import { withSpotifyLibrary, type SpotifyWebApi } from '../../src/services/spotify/webApiNode.js';
import { startSpotifyStandin, type SpotifyStandin, type SpotifyStandinOptions } from '../../standins/spotify.js';

// Shared by the listener and playlist tests of the Spotify stand-in: boot one per test, mint tokens with chosen
// scopes, and call it with fetch or with spotify-web-api-node aimed at it.

export const CLIENT = { clientId: 'test-client-id', clientSecret: 'test-client-secret' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	while (cleanups.length > 0) await cleanups.pop()?.();
});

export async function boot(options: SpotifyStandinOptions = {}): Promise<SpotifyStandin> {
	const standin = await startSpotifyStandin(options);
	cleanups.push(() => standin.close());
	return standin;
}

/** An access token of `userId` holding exactly `scopes`. */
export function tokenFor(standin: SpotifyStandin, userId: string, scopes: string[]): string {
	return standin.issueTokens(userId, scopes.join(' ')).accessToken;
}

export interface Answer<T = unknown> {
	status: number;
	body: T;
}

export async function call<T = unknown>(
	standin: SpotifyStandin,
	token: string,
	path: string,
	init: { method?: string; body?: unknown } = {},
): Promise<Answer<T>> {
	const response = await fetch(`${standin.url}${path}`, {
		method: init.method ?? 'GET',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	return { status: response.status, body: (await response.json()) as T };
}

/** Runs `run` with spotify-web-api-node aimed at the stand-in and holding `token`. */
export function withLibrary<T>(
	standin: SpotifyStandin,
	token: string,
	run: (api: SpotifyWebApi) => Promise<T>,
): Promise<T> {
	const urls = { apiUrl: standin.url, accountsUrl: standin.url };
	return withSpotifyLibrary(urls, { ...CLIENT, accessToken: token }, run);
}

/** The status code of a library call that must fail. */
export async function failedStatus(promise: Promise<unknown>): Promise<number> {
	try {
		await promise;
	} catch (error) {
		return (error as { statusCode: number }).statusCode;
	}
	throw new Error('expected the call to fail');
}

export interface Paged<T> {
	href: string;
	items: T[];
	limit: number;
	next: string | null;
	offset: number;
	previous: string | null;
	total: number;
}
