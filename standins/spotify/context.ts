import type { Request, Response } from 'express';
import { createCatalog, mulberry32, type Catalog, type Rng } from '../catalog.js';
import { loadSpotifySpec, type SpotifySpec } from '../spotifySpec.js';
import { createWaiters, type Waiters } from '../waiters.js';
import type {
	RecordedRequest,
	SpotifyFault,
	SpotifyStandin,
	SpotifyStandinOptions,
	SpotifyUser,
	StandinPlaylist,
	TimeRange,
} from './types.js';

// The Spotify stand-in's one state object: settings resolved from the options, issued grants, faults, records and
// playlists. Every handler takes it (or an ApiCall holding it) as its first argument instead of reaching for globals.

export interface AccessGrant {
	userId: string | null;
	scope: string;
	expiresAt: number;
}

export interface UserGrant {
	userId: string;
	scope: string;
}

export interface CodeGrant extends UserGrant {
	redirectUri: string;
	expiresAt: number;
}

export interface ConsentRequest extends UserGrant {
	redirectUri: string;
	state: string | undefined;
}

export interface FaultEntry {
	fault: SpotifyFault;
	path: RegExp | undefined;
	method: string | undefined;
	times: number;
}

/** What Spotify knows of a user's listening: top items per time range (ids, best first) and saved URIs. */
export interface Listener {
	topArtistIds: Record<TimeRange, string[]>;
	topTrackIds: Record<TimeRange, string[]>;
	saved: Set<string>;
}

export interface Context {
	clientId: string;
	clientSecret: string;
	redirectUris: string[] | undefined;
	users: SpotifyUser[];
	allowedUserIds: string[] | undefined;
	autoApprove: boolean;
	rotate: boolean;
	enforceScopes: boolean;
	ttlSeconds: number;
	latencyMs: number;
	jitterMs: number;
	catalog: Catalog;
	spec: SpotifySpec;
	idRng: Rng;
	jitterRng: Rng;
	url: string;
	currentUserId: string;
	accessTokens: Map<string, AccessGrant>;
	refreshTokens: Map<string, UserGrant>;
	codes: Map<string, CodeGrant>;
	consents: Map<string, ConsentRequest>;
	oneShot: FaultEntry[];
	sticky: FaultEntry[];
	records: Pick<
		SpotifyStandin,
		'requests' | 'searchQueries' | 'libraryChecks' | 'deprecatedCalls' | 'unknownCalls' | 'unimplementedCalls'
	>;
	recordOf: WeakMap<Request, RecordedRequest>;
	/** Told of each request once its body is recorded. */
	arrivals: Waiters;
	emptySearch: WeakSet<Request>;
	playlists: Map<string, StandinPlaylist>;
	listeners: Map<string, Listener>;
	/** Set by limitConsentScopes: consents grant only these of the requested scopes. */
	consentScopeLimit: string[] | null;
	counters: { inFlight: number; maxInFlight: number };
	timers: Set<NodeJS.Timeout>;
}

export interface ApiCall {
	ctx: Context;
	req: Request;
	res: Response;
	grant: AccessGrant;
	params: Record<string, string>;
	query: Record<string, string>;
}

const DEFAULT_USERS: SpotifyUser[] = [
	{ id: 'alice', display_name: 'Alice' },
	{ id: 'bob', display_name: 'Bob' },
];

export function createContext(options: SpotifyStandinOptions): Context {
	return { ...settings(options), ...freshState() };
}

/** What the options decide, fixed for the stand-in's life (but the current user and the URL, set once listening). */
function settings(options: SpotifyStandinOptions) {
	const users = options.users ?? DEFAULT_USERS;
	const seed = options.seed ?? 1;
	return {
		clientId: options.clientId ?? 'test-client-id',
		clientSecret: options.clientSecret ?? 'test-client-secret',
		redirectUris: options.redirectUris,
		users,
		allowedUserIds: options.allowedUserIds,
		autoApprove: options.autoApprove ?? false,
		rotate: options.rotateRefreshTokens ?? true,
		enforceScopes: options.enforceScopes ?? true,
		ttlSeconds: options.accessTokenTtlSeconds ?? 3600,
		latencyMs: options.latencyMs ?? 0,
		jitterMs: options.jitterMs ?? 0,
		catalog: options.catalog ?? createCatalog(options.catalogOptions),
		spec: loadSpotifySpec(options.specPath),
		idRng: mulberry32(seed ^ 0x1d5),
		jitterRng: mulberry32(seed ^ 0x717),
		url: '',
		currentUserId: options.currentUser ?? users[0]?.id ?? 'alice',
	};
}

/** The state requests and tests build up: grants, faults, records, playlists and listeners. */
function freshState(): Omit<Context, keyof ReturnType<typeof settings>> {
	return {
		accessTokens: new Map(),
		refreshTokens: new Map(),
		codes: new Map(),
		consents: new Map(),
		oneShot: [],
		sticky: [],
		records: {
			requests: [],
			searchQueries: [],
			libraryChecks: [],
			deprecatedCalls: [],
			unknownCalls: [],
			unimplementedCalls: [],
		},
		recordOf: new WeakMap(),
		arrivals: createWaiters(),
		emptySearch: new WeakSet(),
		playlists: new Map(),
		listeners: new Map(),
		consentScopeLimit: null,
		counters: { inFlight: 0, maxInFlight: 0 },
		timers: new Set(),
	};
}
