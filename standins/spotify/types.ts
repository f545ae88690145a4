import type { Catalog, CatalogOptions } from '../catalog.js';

// The Spotify stand-in's public shapes: options, recorded requests, faults and the handle tests hold.
// Re-exported by ../spotify.ts.

export interface SpotifyUser {
	id: string;
	display_name: string;
}

export type SpotifyFault =
	| { kind: 'status'; status: number; body?: unknown }
	| { kind: 'rate-limit'; retryAfter: number; quota?: boolean }
	| { kind: 'slow'; ms: number }
	| { kind: 'down' }
	/** Spotify does the work, but the reply never arrives: the connection drops `afterMs` later (default 0). */
	| { kind: 'lost-reply'; afterMs?: number }
	| { kind: 'empty' };

export interface FaultOptions {
	/** Only requests whose path (e.g. `/v1/search/`) matches; default every request. */
	path?: RegExp;
	/** Only requests with this method (e.g. `POST`); default any. */
	method?: string;
}

export interface SpotifyStandinOptions {
	clientId?: string;
	clientSecret?: string;
	/** Registered redirect URIs; when omitted any absolute URL is accepted. */
	redirectUris?: string[];
	users?: SpotifyUser[];
	/** The user who authorizes at /authorize (default the first user). */
	currentUser?: string;
	/** Development-mode allow-list: user tokens of anyone else get 403 on every Web API call. */
	allowedUserIds?: string[];
	/** Skip the consent page: /authorize answers 302 with a code at once. */
	autoApprove?: boolean;
	/** A refresh returns a new refresh token and invalidates the old one (default true). */
	rotateRefreshTokens?: boolean;
	/** Require playlist-modify-* scopes on playlist writes (default true). */
	enforceScopes?: boolean;
	accessTokenTtlSeconds?: number;
	latencyMs?: number;
	jitterMs?: number;
	seed?: number;
	catalog?: Catalog;
	catalogOptions?: CatalogOptions;
	specPath?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	at: number;
}

export interface StandinPlaylist {
	id: string;
	ownerId: string;
	name: string;
	description: string | null;
	public: boolean;
	collaborative: boolean;
	uris: string[];
	snapshotId: string;
	/** Users besides the owner who follow it (it is in their /me/playlists); on a collaborative one, its editors. */
	followerIds: string[];
}

export interface IssuedTokens {
	accessToken: string;
	refreshToken: string;
	scope: string;
}

export interface SpotifyStandin {
	url: string;
	catalog: Catalog;
	requests: RecordedRequest[];
	searchQueries: string[];
	/** `METHOD /path` of calls to operations the spec marks deprecated (answered 404). */
	deprecatedCalls: string[];
	/** `METHOD /path` of calls that are no operation of the spec at all (answered 404). */
	unknownCalls: string[];
	/** `METHOD /path` of live spec operations this stand-in does not implement (answered 501). */
	unimplementedCalls: string[];
	playlists: Map<string, StandinPlaylist>;
	readonly inFlight: number;
	readonly maxInFlight: number;
	resetRecords(): void;
	failNext(fault: SpotifyFault, options?: FaultOptions & { times?: number }): void;
	setFault(fault: SpotifyFault | null, options?: FaultOptions): void;
	setCurrentUser(id: string): void;
	/** Expires the access tokens of every user (or one); app tokens too with `includeApp`. */
	expireAccessTokens(options?: { userId?: string; includeApp?: boolean }): void;
	revokeRefreshTokens(userId?: string): void;
	/** Tokens as if `userId` had consented, for tests that skip the OAuth dance. */
	issueTokens(userId: string, scope?: string): IssuedTokens;
	/** Resolves once `condition(requests)` holds: checked now and as each request arrives (with its body). */
	waitForRequests(condition: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}
