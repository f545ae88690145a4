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
	/** Require the scopes Spotify requires: playlist reads and writes, top items, library checks (default true). */
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

export type TimeRange = 'short_term' | 'medium_term' | 'long_term';

/** One list for every time range, or one per range (a range left out is empty). */
export type PerTimeRange = string[] | Partial<Record<TimeRange, string[]>>;

export interface SeedPlaylist {
	name: string;
	/** Default the listener; another id (a stand-in user or not, e.g. `spotify`) makes one the listener follows. */
	ownerId?: string;
	description?: string;
	/** Default false; a collaborative playlist is private, as Spotify requires. */
	collaborative?: boolean;
	/** Default true unless collaborative. */
	public?: boolean;
	/** Catalog track ids, in playlist order. */
	trackIds?: string[];
}

/** A user's listening, as a test sets it; each field given replaces the old one, playlists are added. */
export interface ListenerSeed {
	/** Catalog artist ids, most listened first. */
	topArtists?: PerTimeRange;
	/** Catalog track ids, most listened first. */
	topTracks?: PerTimeRange;
	/** Catalog track ids in the user's library (Liked Songs). */
	savedTrackIds?: string[];
	/** Listed by /v1/me/playlists in this order, before older ones and after any created later. */
	playlists?: SeedPlaylist[];
}

export interface SeededListener {
	/** The seeded playlists' ids, in the order given. */
	playlistIds: string[];
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
	/** The `uris` of each /v1/me/library/contains call, split, as sent (batching shows here). */
	libraryChecks: string[][];
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
	/** Top artists and tracks, saved tracks and playlists of `userId` (a stand-in user). */
	setListener(userId: string, seed: ListenerSeed): SeededListener;
	/** The recorded requests to `path` (exact, trailing slash ignored, or a pattern), optionally of one method. */
	requestsTo(path: string | RegExp, method?: string): RecordedRequest[];
	/**
	 * Authorizations from now on grant only these of the requested scopes (null: all requested, as Spotify does), as
	 * if the user had linked back when the app asked for fewer.
	 */
	limitConsentScopes(scopes: string[] | null): void;
	/** Tokens as if `userId` had consented, for tests that skip the OAuth dance. */
	issueTokens(userId: string, scope?: string): IssuedTokens;
	/** Resolves once `condition(requests)` holds: checked now and as each request arrives (with its body). */
	waitForRequests(condition: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}
