import { z } from 'zod';
import type { Logger } from '../log.js';
import { readSpotifyFailure } from './spotifyFailure.js';
import { withSpotifyLibrary, type LibraryCredentials, type SpotifyBaseUrls } from './spotifyLibrary.js';
import { spotifyRequest, type SpotifyRequestPolicy } from './spotifyRequest.js';

// Calls made with a user's token (or for one: code exchange, refresh). Each goes through spotifyRequest, so
// it gets a timeout, bounded retries and typed errors. A 401 is NOT retried here: the caller (withUserToken)
// refreshes the token and calls again.

export interface SpotifyUserClientOptions {
	urls: SpotifyBaseUrls;
	clientId: string;
	clientSecret: string;
	redirectUri: string;
	policy: SpotifyRequestPolicy;
	logger: Logger;
}

export interface TokenGrant {
	accessToken: string;
	/** Absent when a refresh keeps the old refresh token. */
	refreshToken: string | undefined;
	expiresInSeconds: number;
	scope: string;
}

export interface SpotifyProfile {
	spotifyUserId: string;
	displayName: string;
}

export interface CreatedPlaylist {
	playlistId: string;
	url: string;
}

export interface PlaylistDetails {
	name: string;
	description: string;
	public: boolean;
}

export interface SpotifyUserClient {
	exchangeCode(code: string): Promise<TokenGrant>;
	refresh(refreshToken: string): Promise<TokenGrant>;
	getMe(accessToken: string): Promise<SpotifyProfile>;
	/** Not idempotent: never retried once the request may have reached Spotify. */
	createPlaylist(accessToken: string, details: PlaylistDetails): Promise<CreatedPlaylist>;
	/** At most 100 URIs, appended in order. */
	addItems(accessToken: string, playlistId: string, uris: string[]): Promise<void>;
	/** How many items the playlist holds now. */
	countPlaylistItems(accessToken: string, playlistId: string): Promise<number>;
}

const TOKEN_SCHEMA = z.object({
	access_token: z.string().min(1),
	refresh_token: z.string().min(1).optional(),
	expires_in: z.number().positive(),
	scope: z.string().default(''),
});

const PROFILE_SCHEMA = z.object({ id: z.string().min(1), display_name: z.string().nullish() });

const ITEMS_TOTAL_SCHEMA = z.object({ total: z.number().int().nonnegative() });

const PLAYLIST_SCHEMA = z.object({
	id: z.string().min(1),
	external_urls: z.object({ spotify: z.string().optional() }).default({}),
});

/** True when Spotify's accounts service answered `invalid_grant` (code used or refresh token revoked). */
export function isInvalidGrant(error: unknown): boolean {
	const cause = error instanceof Error ? error.cause : undefined;
	return (
		readSpotifyFailure(error).oauthError === 'invalid_grant' || readSpotifyFailure(cause).oauthError === 'invalid_grant'
	);
}

function toGrant(body: unknown): TokenGrant {
	const token = TOKEN_SCHEMA.parse(body);
	return {
		accessToken: token.access_token,
		refreshToken: token.refresh_token,
		expiresInSeconds: token.expires_in,
		scope: token.scope,
	};
}

async function readBody(response: Response): Promise<unknown> {
	const text = await response.text();
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A non-2xx answer to a call we make with fetch, shaped like the library's errors for readSpotifyFailure. */
export class SpotifyHttpError extends Error {
	constructor(
		readonly statusCode: number,
		readonly headers: Record<string, string>,
		readonly body: unknown,
	) {
		super(`spotify answered ${statusCode}`);
		this.name = 'SpotifyHttpError';
	}
}

/** The library's playlist-item calls target the removed `/tracks`; these go to `/items` with fetch. */
async function fetchItems(
	apiUrl: string,
	options: { accessToken: string; playlistId: string; timeoutMs: number; query?: string; uris?: string[] },
): Promise<unknown> {
	const { accessToken, playlistId, uris } = options;
	const url = `${apiUrl}/v1/playlists/${encodeURIComponent(playlistId)}/items${options.query ?? ''}`;
	const response = await fetch(url, {
		method: uris ? 'POST' : 'GET',
		headers: { authorization: `Bearer ${accessToken}`, ...(uris && { 'content-type': 'application/json' }) },
		body: uris && JSON.stringify({ uris }),
		signal: AbortSignal.timeout(options.timeoutMs),
	});
	const body = await readBody(response);
	if (response.ok) return body;
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
	throw new SpotifyHttpError(response.status, headers, body);
}

function call<T>(options: SpotifyUserClientOptions, label: string, idempotent: boolean, task: () => Promise<T>) {
	return spotifyRequest(options.policy, options.logger, { label, idempotent }, task);
}

/** Library credentials for one call: the app's, plus whichever user token the call needs. */
function credentials(options: SpotifyUserClientOptions, extra: Partial<LibraryCredentials> = {}): LibraryCredentials {
	return { clientId: options.clientId, clientSecret: options.clientSecret, ...extra };
}

async function exchangeCode(options: SpotifyUserClientOptions, code: string): Promise<TokenGrant> {
	const withRedirect = credentials(options, { redirectUri: options.redirectUri });
	const response = await call(options, 'authorization-code', true, () =>
		withSpotifyLibrary(options.urls, withRedirect, (api) => api.authorizationCodeGrant(code)),
	);
	return toGrant(response.body);
}

async function refresh(options: SpotifyUserClientOptions, refreshToken: string): Promise<TokenGrant> {
	const response = await call(options, 'refresh-token', true, () =>
		withSpotifyLibrary(options.urls, credentials(options, { refreshToken }), (api) => api.refreshAccessToken()),
	);
	return toGrant(response.body);
}

async function getMe(options: SpotifyUserClientOptions, accessToken: string): Promise<SpotifyProfile> {
	const response = await call(options, 'get-me', true, () =>
		withSpotifyLibrary(options.urls, credentials(options, { accessToken }), (api) => api.getMe()),
	);
	const profile = PROFILE_SCHEMA.parse(response.body);
	return { spotifyUserId: profile.id, displayName: profile.display_name || profile.id };
}

async function createPlaylist(
	options: SpotifyUserClientOptions,
	accessToken: string,
	details: PlaylistDetails,
): Promise<CreatedPlaylist> {
	const body = { public: details.public, description: details.description };
	const response = await call(options, 'create-playlist', false, () =>
		withSpotifyLibrary(options.urls, credentials(options, { accessToken }), (api) =>
			api.createPlaylist(details.name, body),
		),
	);
	const playlist = PLAYLIST_SCHEMA.parse(response.body);
	const fallback = `https://open.spotify.com/playlist/${encodeURIComponent(playlist.id)}`;
	return { playlistId: playlist.id, url: playlist.external_urls.spotify ?? fallback };
}

export function createSpotifyUserClient(options: SpotifyUserClientOptions): SpotifyUserClient {
	const timeoutMs = options.policy.timeoutMs;
	return {
		exchangeCode: (code) => exchangeCode(options, code),
		refresh: (refreshToken) => refresh(options, refreshToken),
		getMe: (accessToken) => getMe(options, accessToken),
		createPlaylist: (accessToken, details) => createPlaylist(options, accessToken, details),
		addItems: async (accessToken, playlistId, uris) => {
			await call(options, 'add-items', false, () =>
				fetchItems(options.urls.apiUrl, { accessToken, playlistId, uris, timeoutMs }),
			);
		},
		countPlaylistItems: async (accessToken, playlistId) => {
			const query = '?limit=1&fields=total';
			const body = await call(options, 'count-items', true, () =>
				fetchItems(options.urls.apiUrl, { accessToken, playlistId, query, timeoutMs }),
			);
			return ITEMS_TOTAL_SCHEMA.parse(body).total;
		},
	};
}
