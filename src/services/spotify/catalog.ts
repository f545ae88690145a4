import type { Logger } from '../../log.js';
import { withSpotifyLibrary, type SpotifyBaseUrls } from './webApiNode.js';
import { spotifyRequest, type SpotifyRequestPolicy } from './spotifyRequest.js';
import { parseSpotifyTrack, SPOTIFY_SEARCH_SCHEMA, type Track } from './track.js';

/** Spotify caps search pages at 10 for apps like ours; more answers 400 "Invalid limit". */
export const SPOTIFY_SEARCH_MAX_LIMIT = 10;

/** A search term inside a field filter (`genre:`, `track:`, `artist:`): quotes would end the filter early. */
export function quoteFilterValue(value: string): string {
	return `"${value.replace(/"/g, ' ').trim()}"`;
}

export type SearchRange = { limit: number; offset: number };

/** A page of a search, and the market (ISO country code) whose catalog it searches: only tracks available there. */
export type SearchOptions = SearchRange & { market?: string | undefined };

/** The page Spotify is asked for: whole numbers, limit 1 to SPOTIFY_SEARCH_MAX_LIMIT, offset from 0. */
export function clampSearchRange(page: SearchRange): SearchRange {
	return {
		limit: Math.max(1, Math.min(SPOTIFY_SEARCH_MAX_LIMIT, Math.trunc(page.limit))),
		offset: Math.max(0, Math.trunc(page.offset)),
	};
}

export interface SpotifyCatalogOptions {
	urls: SpotifyBaseUrls;
	clientId: string;
	clientSecret: string;
	policy: SpotifyRequestPolicy;
	logger: Logger;
}

export interface SearchPage {
	tracks: Track[];
	total: number;
}

export interface SpotifyCatalog {
	searchTracks(query: string, page: SearchOptions): Promise<SearchPage>;
	/** Fetches an app token now, so a bad client id/secret shows up at once. */
	checkCredentials(): Promise<void>;
}

interface AppToken {
	value: string;
	expiresAt: number;
}

// Renew a little early so a token never expires between our check and Spotify's.
const TOKEN_MARGIN_MS = 60_000;

/** The app's client-credentials token: fetched when needed, renewed before it expires, one request at a time. */
interface AppTokens {
	get(): Promise<string>;
	/** Spotify refused the token: fetch a new one next time. */
	forget(): void;
}

function createAppTokens(options: SpotifyCatalogOptions): AppTokens {
	const { urls, clientId, clientSecret, policy, logger } = options;
	let token: AppToken | null = null;
	let pending: Promise<AppToken> | null = null;

	async function fetchToken(): Promise<AppToken> {
		const response = await spotifyRequest(policy, logger, { label: 'client-credentials', idempotent: true }, () =>
			withSpotifyLibrary(urls, { clientId, clientSecret }, (api) => api.clientCredentialsGrant()),
		);
		return { value: response.body.access_token, expiresAt: Date.now() + response.body.expires_in * 1000 };
	}

	return {
		async get() {
			if (token && token.expiresAt - TOKEN_MARGIN_MS > Date.now()) return token.value;
			pending ??= fetchToken().finally(() => (pending = null));
			token = await pending;
			return token.value;
		},
		forget: () => (token = null),
	};
}

async function searchTracks(
	catalog: SpotifyCatalogOptions & { tokens: AppTokens },
	query: string,
	page: SearchOptions,
): Promise<SearchPage> {
	const { urls, clientId, clientSecret, policy, logger, tokens } = catalog;
	const { limit, offset } = clampSearchRange(page);
	const market = page.market ? { market: page.market } : {};
	const response = await spotifyRequest(
		policy,
		logger,
		{ label: 'search', idempotent: true, onUnauthorized: () => tokens.forget() },
		async () => {
			const accessToken = await tokens.get();
			return withSpotifyLibrary(urls, { clientId, clientSecret, accessToken }, (api) =>
				api.searchTracks(query, { limit, offset, ...market }),
			);
		},
	);
	const body = SPOTIFY_SEARCH_SCHEMA.parse(response.body);
	const tracks = body.tracks.items.map(parseSpotifyTrack).filter((track): track is Track => track !== null);
	return { tracks, total: body.tracks.total };
}

export function createSpotifyCatalog(options: SpotifyCatalogOptions): SpotifyCatalog {
	const catalog = { ...options, tokens: createAppTokens(options) };
	return {
		searchTracks: (query, page) => searchTracks(catalog, query, page),
		checkCredentials: async () => {
			await catalog.tokens.get();
		},
	};
}
