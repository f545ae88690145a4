import { z } from 'zod';
import type { Logger } from '../../log.js';
import { readSpotifyFailure } from './spotifyFailure.js';
import { withSpotifyLibrary, type LibraryCredentials, type SpotifyBaseUrls } from './webApiNode.js';
import { fetchItems } from './itemsRequest.js';
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

/** One playlist from the user's list, as much as a save needs to recognise its own. */
export interface ListedPlaylist extends CreatedPlaylist {
	name: string;
	ownerId: string;
	itemCount: number;
}

export interface PlaylistPage {
	playlists: ListedPlaylist[];
	/** Where the next page starts, or null on the last page. */
	nextOffset: number | null;
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
	/** One page of the user's playlists, newest first; private ones only with playlist-read-private. */
	listPlaylists(accessToken: string, offset: number): Promise<PlaylistPage>;
}

const TOKEN_SCHEMA = z.object({
	access_token: z.string().min(1),
	refresh_token: z.string().min(1).optional(),
	expires_in: z.number().positive(),
	scope: z.string().default(''),
});

const PROFILE_SCHEMA = z.object({ id: z.string().min(1), display_name: z.string().nullish() });

const PLAYLIST_SCHEMA = z.object({
	id: z.string().min(1),
	external_urls: z.object({ spotify: z.string().optional() }).default({}),
});

const COUNT_SCHEMA = z.object({ total: z.number().int().nonnegative() });

// Spotify renamed a playlist's `tracks` to `items`; read whichever is there.
const LISTED_PLAYLIST_SCHEMA = PLAYLIST_SCHEMA.extend({
	name: z.string(),
	owner: z.object({ id: z.string() }),
	items: COUNT_SCHEMA.optional(),
	tracks: COUNT_SCHEMA.optional(),
});

// A playlist can come back null (removed since the page was built): skip it rather than fail the page.
const PLAYLIST_PAGE_SCHEMA = z.object({
	items: z.array(LISTED_PLAYLIST_SCHEMA.nullable()),
	offset: z.number().int().nonnegative(),
	next: z.string().nullable(),
});

export const PLAYLISTS_PER_PAGE = 50;

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

function playlistUrl(playlist: z.infer<typeof PLAYLIST_SCHEMA>): string {
	return playlist.external_urls.spotify ?? `https://open.spotify.com/playlist/${encodeURIComponent(playlist.id)}`;
}

async function listPlaylists(options: SpotifyUserClientOptions, accessToken: string, offset: number) {
	const response = await call(options, 'list-playlists', true, () =>
		withSpotifyLibrary(options.urls, credentials(options, { accessToken }), (api) =>
			// Without a user id the library asks GET /v1/me/playlists.
			api.getUserPlaylists({ limit: PLAYLISTS_PER_PAGE, offset }),
		),
	);
	const page = PLAYLIST_PAGE_SCHEMA.parse(response.body);
	const playlists = page.items.flatMap((playlist): ListedPlaylist[] =>
		playlist
			? [
					{
						playlistId: playlist.id,
						url: playlistUrl(playlist),
						name: playlist.name,
						ownerId: playlist.owner.id,
						itemCount: (playlist.items ?? playlist.tracks)?.total ?? 0,
					},
				]
			: [],
	);
	return { playlists, nextOffset: page.next === null ? null : page.offset + page.items.length };
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
	return { playlistId: playlist.id, url: playlistUrl(playlist) };
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
			return COUNT_SCHEMA.parse(body).total;
		},
		listPlaylists: (accessToken, offset) => listPlaylists(options, accessToken, offset),
	};
}
