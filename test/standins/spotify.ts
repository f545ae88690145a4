// A Spotify stand-in: accounts service (/api/token, /authorize) and Web API on one 127.0.0.1 server, so its
// `url` serves as both SPOTIFY_ACCOUNTS_URL and SPOTIFY_API_URL. Operations come from Spotify's OpenAPI spec:
// deprecated ones answer 404 as they do for new apps, and every call is recorded for assertions.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
	base62Id,
	createCatalog,
	mulberry32,
	searchCatalog,
	type Catalog,
	type CatalogOptions,
	type Rng,
} from './catalog.js';
import type { CatalogAlbum, CatalogArtistRef, CatalogTrack } from './catalog.js';
import { loadSpotifySpec, type QueryProblem, type SpotifySpec } from './spotifySpec.js';

export interface SpotifyUser {
	id: string;
	display_name: string;
}

export type SpotifyFault =
	| { kind: 'status'; status: number; body?: unknown }
	| { kind: 'rate-limit'; retryAfter: number; quota?: boolean }
	| { kind: 'slow'; ms: number }
	| { kind: 'down' }
	| { kind: 'empty' };

export interface FaultOptions {
	/** Only requests whose path (e.g. `/v1/search/`) matches; default every request. */
	path?: RegExp;
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
	close(): Promise<void>;
}

interface AccessGrant {
	userId: string | null;
	scope: string;
	expiresAt: number;
}

interface UserGrant {
	userId: string;
	scope: string;
}

interface CodeGrant extends UserGrant {
	redirectUri: string;
	expiresAt: number;
}

interface ConsentRequest extends UserGrant {
	redirectUri: string;
	state: string | undefined;
}

interface FaultEntry {
	fault: SpotifyFault;
	path: RegExp | undefined;
	times: number;
}

interface Context {
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
		'requests' | 'searchQueries' | 'deprecatedCalls' | 'unknownCalls' | 'unimplementedCalls'
	>;
	recordOf: WeakMap<Request, RecordedRequest>;
	emptySearch: WeakSet<Request>;
	playlists: Map<string, StandinPlaylist>;
	counters: { inFlight: number; maxInFlight: number };
	timers: Set<NodeJS.Timeout>;
}

interface ApiCall {
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
const DEFAULT_SCOPE = 'user-read-private playlist-modify-private playlist-modify-public';
const CODE_TTL_MS = 10 * 60 * 1000;
const SEARCH_DEFAULT_LIMIT = 5;
const SEARCH_MAX_OFFSET = 1000;
const MAX_ITEMS_PER_ADD = 100;
const SEARCH_PATH = /^\/v1\/search\/?$/;
const TRACK_URI = /^spotify:(track|episode):([0-9A-Za-z]{22})$/;
const DEV_MODE_MESSAGE = 'Check settings on developer.spotify.com/dashboard, the user may not be registered.';
const PAGE_HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>Spotify stand-in</title></head><body>';
const PLAYLIST_SCOPES = ['playlist-modify-public', 'playlist-modify-private'];
const STATUS_MESSAGES: Record<number, string> = {
	401: 'The access token expired',
	403: 'Forbidden',
	500: 'Server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
};
const HANDLERS: Record<string, (call: ApiCall) => void> = {
	search: handleSearch,
	'get-track': handleGetTrack,
	'get-current-users-profile': handleGetMe,
	'create-playlist': handleCreatePlaylist,
	'add-items-to-playlist': handleAddItems,
};

export async function startSpotifyStandin(options: SpotifyStandinOptions = {}): Promise<SpotifyStandin> {
	const ctx = createContext(options);
	const server = createApp(ctx).listen(0, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		server.once('listening', resolve);
		server.once('error', reject);
	});
	ctx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return createHandle(ctx, server);
}

function createContext(options: SpotifyStandinOptions): Context {
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
		accessTokens: new Map(),
		refreshTokens: new Map(),
		codes: new Map(),
		consents: new Map(),
		oneShot: [],
		sticky: [],
		records: { requests: [], searchQueries: [], deprecatedCalls: [], unknownCalls: [], unimplementedCalls: [] },
		recordOf: new WeakMap(),
		emptySearch: new WeakSet(),
		playlists: new Map(),
		counters: { inFlight: 0, maxInFlight: 0 },
		timers: new Set(),
	};
}

function createHandle(ctx: Context, server: Server): SpotifyStandin {
	const { records, counters } = ctx;
	return {
		url: ctx.url,
		catalog: ctx.catalog,
		...records,
		playlists: ctx.playlists,
		get inFlight() {
			return counters.inFlight;
		},
		get maxInFlight() {
			return counters.maxInFlight;
		},
		resetRecords() {
			for (const list of Object.values(records)) list.length = 0;
			counters.maxInFlight = counters.inFlight;
		},
		failNext: (fault, options) => ctx.oneShot.push({ fault, path: options?.path, times: options?.times ?? 1 }),
		setFault: (fault, options) => setStickyFault(ctx, fault, options?.path),
		setCurrentUser(id) {
			if (!ctx.users.some((user) => user.id === id)) throw new Error(`Unknown stand-in user ${id}`);
			ctx.currentUserId = id;
		},
		expireAccessTokens: (options) => expireAccessTokens(ctx, options),
		revokeRefreshTokens(userId) {
			for (const [token, grant] of ctx.refreshTokens)
				if (!userId || grant.userId === userId) ctx.refreshTokens.delete(token);
		},
		issueTokens: (userId, scope = DEFAULT_SCOPE) => issueTokens(ctx, { userId, scope }),
		close: () => closeServer(ctx, server),
	};
}

function setStickyFault(ctx: Context, fault: SpotifyFault | null, path: RegExp | undefined): void {
	const key = path?.source;
	ctx.sticky = fault === null && !path ? [] : ctx.sticky.filter((entry) => entry.path?.source !== key);
	if (fault) ctx.sticky.push({ fault, path, times: Infinity });
}

function expireAccessTokens(ctx: Context, options: { userId?: string; includeApp?: boolean } = {}): void {
	for (const grant of ctx.accessTokens.values()) {
		const isApp = grant.userId === null;
		if (isApp ? options.includeApp : !options.userId || grant.userId === options.userId) grant.expiresAt = 0;
	}
}

async function closeServer(ctx: Context, server: Server): Promise<void> {
	for (const timer of ctx.timers) clearTimeout(timer);
	ctx.timers.clear();
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	server.closeAllConnections();
	await closed;
}

function createApp(ctx: Context): express.Express {
	const app = express();
	app.disable('x-powered-by');
	app.use((req, res, next) => recordRequest(ctx, req, res, next));
	app.use(express.json(), express.urlencoded({ extended: false }));
	app.use((req, _res, next) => {
		const record = ctx.recordOf.get(req);
		if (record) record.body = req.body as unknown;
		next();
	});
	app.use((req, res, next) => delayAndFault(ctx, req, res, next));
	app.post('/api/token', (req, res) => handleToken(ctx, req, res));
	app.get('/authorize', (req, res) => handleAuthorize(ctx, req, res));
	app.post('/authorize/decision', (req, res) => handleDecision(ctx, req, res));
	app.use((req, res) => handleWebApi(ctx, req, res));
	app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => handleError(error, res));
	return app;
}

function recordRequest(ctx: Context, req: Request, res: Response, next: NextFunction): void {
	const url = new URL(req.originalUrl, 'http://standin');
	const record: RecordedRequest = {
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: flattenHeaders(req.headers),
		body: undefined,
		at: Date.now(),
	};
	ctx.records.requests.push(record);
	ctx.recordOf.set(req, record);
	if (SEARCH_PATH.test(record.path) && record.query.q !== undefined) ctx.records.searchQueries.push(record.query.q);
	ctx.counters.inFlight++;
	ctx.counters.maxInFlight = Math.max(ctx.counters.maxInFlight, ctx.counters.inFlight);
	res.once('close', () => ctx.counters.inFlight--);
	next();
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
	);
}

function sleep(ctx: Context, ms: number): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			ctx.timers.delete(timer);
			resolve();
		}, ms);
		ctx.timers.add(timer);
	});
}

async function delayAndFault(ctx: Context, req: Request, res: Response, next: NextFunction): Promise<void> {
	const jitter = ctx.jitterMs > 0 ? Math.floor(ctx.jitterRng() * (ctx.jitterMs + 1)) : 0;
	await sleep(ctx, ctx.latencyMs + jitter);
	const fault = takeFault(ctx, req.path);
	if (req.socket.destroyed) return;
	if (!fault) return next();
	switch (fault.kind) {
		case 'slow':
			await sleep(ctx, fault.ms);
			if (!req.socket.destroyed) next();
			return;
		case 'down':
			req.socket.destroy();
			return;
		case 'empty':
			ctx.emptySearch.add(req);
			return next();
		case 'status':
			res.status(fault.status).json(fault.body ?? apiErrorBody(fault.status, STATUS_MESSAGES[fault.status] ?? 'Error'));
			return;
		case 'rate-limit':
			sendRateLimit(res, fault);
	}
}

function sendRateLimit(res: Response, fault: { retryAfter: number; quota?: boolean }): void {
	const body = fault.quota
		? { error: { status: 429, message: 'API quota exceeded', reason: 'QUOTA_EXCEEDED' } }
		: apiErrorBody(429, 'API rate limit exceeded');
	res.set('Retry-After', String(fault.retryAfter)).status(429).json(body);
}

// One-shot faults win over sticky ones; an `empty` fault only ever applies to searches.
function takeFault(ctx: Context, path: string): SpotifyFault | null {
	const fits = (entry: FaultEntry): boolean => {
		if (entry.fault.kind === 'empty' && !SEARCH_PATH.test(path)) return false;
		if (!entry.path) return true;
		entry.path.lastIndex = 0;
		return entry.path.test(path);
	};
	const index = ctx.oneShot.findIndex(fits);
	const entry = ctx.oneShot[index];
	if (entry) {
		entry.times--;
		if (entry.times <= 0) ctx.oneShot.splice(index, 1);
		return entry.fault;
	}
	return ctx.sticky.find(fits)?.fault ?? null;
}

function handleError(error: unknown, res: Response): void {
	const parseFailed =
		typeof error === 'object' && error !== null && 'type' in error && error.type === 'entity.parse.failed';
	if (parseFailed) {
		res.status(400).json(apiErrorBody(400, 'Error parsing json'));
		return;
	}
	res.status(500).json(apiErrorBody(500, `Stand-in error: ${error instanceof Error ? error.message : String(error)}`));
}

function apiErrorBody(status: number, message: string): { error: { status: number; message: string } } {
	return { error: { status, message } };
}

function apiError(res: Response, status: number, message: string): void {
	if (status === 401)
		res.set('WWW-Authenticate', `Bearer realm="spotify", error="invalid_token", error_description="${message}"`);
	res.status(status).json(apiErrorBody(status, message));
}

function authError(res: Response, error: string, description: string): void {
	res.status(400).json({ error, error_description: description });
}

function newToken(): string {
	return randomBytes(24).toString('base64url');
}

function stringFields(value: unknown): Record<string, string> {
	if (typeof value !== 'object' || value === null) return {};
	return Object.fromEntries(
		Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
	);
}

function queryOf(ctx: Context, req: Request): Record<string, string> {
	return ctx.recordOf.get(req)?.query ?? {};
}

// ---- Accounts service -------------------------------------------------------------------------------------------

function handleToken(ctx: Context, req: Request, res: Response): void {
	const form = stringFields(req.body);
	if (!form.grant_type) return authError(res, 'unsupported_grant_type', 'grant_type parameter is missing');
	if (!clientAuthenticated(ctx, req, form)) return authError(res, 'invalid_client', 'Invalid client');
	switch (form.grant_type) {
		case 'client_credentials':
			res.json(tokenResponse(ctx, { userId: null, scope: '' }));
			return;
		case 'authorization_code':
			return exchangeCode(ctx, form, res);
		case 'refresh_token':
			return refreshGrant(ctx, form, res);
		default:
			return authError(res, 'unsupported_grant_type', `Unsupported grant_type ${form.grant_type}`);
	}
}

// Spotify takes the client's credentials from Basic auth or from the form (spotify-web-api-node sends the form).
function clientAuthenticated(ctx: Context, req: Request, form: Record<string, string>): boolean {
	const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
	let id = form.client_id;
	let secret = form.client_secret;
	if (basic) {
		const decoded = Buffer.from(basic, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		id = decoded.slice(0, colon);
		secret = decoded.slice(colon + 1);
	}
	return id === ctx.clientId && secret === ctx.clientSecret;
}

function tokenResponse(ctx: Context, grant: { userId: string | null; scope: string }, refreshToken?: string): object {
	const accessToken = newToken();
	ctx.accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + ctx.ttlSeconds * 1000 });
	return {
		access_token: accessToken,
		token_type: 'Bearer',
		expires_in: ctx.ttlSeconds,
		...(grant.userId === null ? {} : { scope: grant.scope }),
		...(refreshToken ? { refresh_token: refreshToken } : {}),
	};
}

function issueTokens(ctx: Context, grant: UserGrant): IssuedTokens {
	const refreshToken = newToken();
	ctx.refreshTokens.set(refreshToken, grant);
	const { access_token: accessToken } = tokenResponse(ctx, grant) as { access_token: string };
	return { accessToken, refreshToken, scope: grant.scope };
}

function exchangeCode(ctx: Context, form: Record<string, string>, res: Response): void {
	const code = form.code ?? '';
	const grant = ctx.codes.get(code);
	if (!grant) return authError(res, 'invalid_grant', 'Invalid authorization code');
	if (grant.expiresAt <= Date.now()) {
		ctx.codes.delete(code);
		return authError(res, 'invalid_grant', 'Authorization code expired');
	}
	if (form.redirect_uri !== grant.redirectUri) return authError(res, 'invalid_grant', 'Invalid redirect URI');
	ctx.codes.delete(code);
	const refreshToken = newToken();
	ctx.refreshTokens.set(refreshToken, { userId: grant.userId, scope: grant.scope });
	res.json(tokenResponse(ctx, grant, refreshToken));
}

function refreshGrant(ctx: Context, form: Record<string, string>, res: Response): void {
	const token = form.refresh_token ?? '';
	const grant = ctx.refreshTokens.get(token);
	if (!grant) return authError(res, 'invalid_grant', 'Refresh token revoked');
	let rotated: string | undefined;
	if (ctx.rotate) {
		ctx.refreshTokens.delete(token);
		rotated = newToken();
		ctx.refreshTokens.set(rotated, grant);
	}
	res.json(tokenResponse(ctx, grant, rotated));
}

function handleAuthorize(ctx: Context, req: Request, res: Response): void {
	const query = queryOf(ctx, req);
	if (query.client_id !== ctx.clientId) return sendPage(res, 400, errorPage('INVALID_CLIENT: Invalid client'));
	const redirectUri = query.redirect_uri ?? '';
	if (!redirectAllowed(ctx, redirectUri)) return sendPage(res, 400, errorPage('INVALID_CLIENT: Invalid redirect URI'));
	if (query.response_type !== 'code') {
		return res.redirect(302, withParams(redirectUri, { error: 'unsupported_response_type', state: query.state }));
	}
	const scope = (query.scope ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.join(' ');
	const request: ConsentRequest = { userId: ctx.currentUserId, redirectUri, scope, state: query.state };
	if (ctx.autoApprove) return res.redirect(302, approve(ctx, request));
	const requestId = newToken();
	ctx.consents.set(requestId, request);
	sendPage(res, 200, consentPage(ctx, requestId, request));
}

function redirectAllowed(ctx: Context, uri: string): boolean {
	if (ctx.redirectUris) return ctx.redirectUris.includes(uri);
	return URL.canParse(uri);
}

function handleDecision(ctx: Context, req: Request, res: Response): void {
	const form = stringFields(req.body);
	const request = ctx.consents.get(form.request_id ?? '');
	if (!request) return sendPage(res, 400, errorPage('Unknown or already answered authorization request'));
	ctx.consents.delete(form.request_id ?? '');
	if (form.decision === 'accept') return res.redirect(302, approve(ctx, request));
	res.redirect(302, withParams(request.redirectUri, { error: 'access_denied', state: request.state }));
}

function approve(ctx: Context, request: ConsentRequest): string {
	const code = newToken();
	ctx.codes.set(code, { ...request, expiresAt: Date.now() + CODE_TTL_MS });
	return withParams(request.redirectUri, { code, state: request.state });
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
	const url = new URL(uri);
	for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
	return url.toString();
}

function sendPage(res: Response, status: number, html: string): void {
	res.status(status).type('html').send(html);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function errorPage(message: string): string {
	return `${PAGE_HEAD}<h1 id="error">${escapeHtml(message)}</h1></body></html>`;
}

function consentPage(ctx: Context, requestId: string, request: ConsentRequest): string {
	const user = ctx.users.find((candidate) => candidate.id === request.userId);
	const scopes = request.scope.split(' ').filter(Boolean);
	const form = (decision: string, label: string): string =>
		'<form method="post" action="/authorize/decision">' +
		`<input type="hidden" name="request_id" value="${escapeHtml(requestId)}">` +
		`<input type="hidden" name="decision" value="${decision}">` +
		`<button id="${decision}" type="submit">${label}</button></form>`;
	return [
		PAGE_HEAD,
		`<h1>Connect to Spotify</h1><p id="user">Logged in as ${escapeHtml(user?.display_name ?? request.userId)}</p>`,
		`<p>The app wants to:</p><ul id="scopes">${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>`,
		form('accept', 'Agree'),
		form('deny', 'Cancel'),
		'</body></html>',
	].join('');
}

// ---- Web API ----------------------------------------------------------------------------------------------------

function handleWebApi(ctx: Context, req: Request, res: Response): void {
	const query = queryOf(ctx, req);
	const call = `${req.method} ${req.path}`;
	const match = ctx.spec.findOperation(req.method, req.path);
	if (!match) {
		ctx.records.unknownCalls.push(call);
		return apiError(res, 404, 'Service not found');
	}
	if (match.operation.deprecated) {
		ctx.records.deprecatedCalls.push(call);
		return apiError(res, 404, 'Not found.');
	}
	const grant = authenticate(ctx, req, res);
	if (!grant) return;
	const problem = ctx.spec.checkQuery(match.operation, query);
	if (problem) return apiError(res, 400, queryProblemMessage(match.operation.operationId, problem));
	const handler = HANDLERS[match.operation.operationId];
	if (!handler) {
		ctx.records.unimplementedCalls.push(call);
		return apiError(res, 501, `The Spotify stand-in does not implement ${match.operation.operationId}`);
	}
	handler({ ctx, req, res, grant, params: match.pathParams, query });
}

function queryProblemMessage(operationId: string, problem: QueryProblem): string {
	if (operationId === 'search' && problem.name === 'q') return 'No search query';
	if (operationId === 'search' && problem.name === 'type' && problem.problem === 'invalid')
		return 'Bad search type field';
	return problem.problem === 'missing' ? `Missing parameter ${problem.name}` : `Invalid ${problem.name}`;
}

function authenticate(ctx: Context, req: Request, res: Response): AccessGrant | null {
	const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
	const grant = token === undefined ? undefined : ctx.accessTokens.get(token);
	let failure: [number, string] | null = null;
	if (token === undefined) failure = [401, 'No token provided'];
	else if (!grant) failure = [401, 'Invalid access token'];
	else if (grant.expiresAt <= Date.now()) failure = [401, 'The access token expired'];
	else if (grant.userId !== null && ctx.allowedUserIds && !ctx.allowedUserIds.includes(grant.userId)) {
		failure = [403, DEV_MODE_MESSAGE];
	}
	if (failure) {
		apiError(res, failure[0], failure[1]);
		return null;
	}
	return grant ?? null;
}

function requireUser(call: ApiCall, scopes?: string[]): SpotifyUser | null {
	const user = call.ctx.users.find((candidate) => candidate.id === call.grant.userId);
	const granted = call.grant.scope.split(' ');
	const scoped = !scopes || !call.ctx.enforceScopes || scopes.some((scope) => granted.includes(scope));
	if (!user || !scoped) {
		apiError(call.res, 403, 'Insufficient client scope');
		return null;
	}
	return user;
}

function handleSearch({ ctx, req, res, query }: ApiCall): void {
	const q = (query.q ?? '').trim();
	if (q === '') return apiError(res, 400, 'No search query');
	const limit = Number(query.limit ?? SEARCH_DEFAULT_LIMIT);
	const offset = Number(query.offset ?? 0);
	const found = ctx.emptySearch.has(req) ? [] : searchCatalog(ctx.catalog, q);
	const types = (query.type ?? '').split(',').map((type) => type.trim());
	const body: Record<string, object> = {};
	for (const type of types) {
		const matches = type === 'track' ? found : [];
		const items = matches.slice(offset, offset + limit).map((track) => trackObject(ctx.url, track));
		body[`${type}s`] = searchPage(ctx.url, { q, type, limit, offset, total: matches.length, items });
	}
	res.json(body);
}

function searchPage(
	base: string,
	page: { q: string; type: string; limit: number; offset: number; total: number; items: object[] },
): object {
	const href = (offset: number): string =>
		`${base}/v1/search?offset=${offset}&limit=${page.limit}&query=${encodeURIComponent(page.q)}&type=${page.type}`;
	const nextOffset = page.offset + page.limit;
	return {
		href: href(page.offset),
		items: page.items,
		limit: page.limit,
		next: nextOffset < page.total && nextOffset <= SEARCH_MAX_OFFSET ? href(nextOffset) : null,
		offset: page.offset,
		previous: page.offset > 0 ? href(Math.max(0, page.offset - page.limit)) : null,
		total: page.total,
	};
}

function handleGetTrack({ ctx, res, params }: ApiCall): void {
	const id = params.id ?? '';
	if (!/^[0-9A-Za-z]{22}$/.test(id)) return apiError(res, 400, 'Invalid base62 id');
	const track = ctx.catalog.findTrack(id);
	if (!track) return apiError(res, 404, 'Resource not found');
	res.json(trackObject(ctx.url, track));
}

function handleGetMe(call: ApiCall): void {
	const user = requireUser(call);
	if (user) call.res.json({ ...userObject(call.ctx.url, user), images: [] });
}

function handleCreatePlaylist(call: ApiCall): void {
	const { ctx, req, res } = call;
	const user = requireUser(call, PLAYLIST_SCOPES);
	if (!user) return;
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	if (typeof body.name !== 'string' || body.name.trim() === '')
		return apiError(res, 400, 'Missing required field: name');
	const id = base62Id(ctx.idRng);
	const playlist: StandinPlaylist = {
		id,
		ownerId: user.id,
		name: body.name,
		description: typeof body.description === 'string' && body.description !== '' ? body.description : null,
		public: body.public !== false,
		collaborative: body.collaborative === true,
		uris: [],
		snapshotId: snapshotId(ctx),
	};
	ctx.playlists.set(id, playlist);
	res.status(201).json(playlistObject(ctx, playlist));
}

function handleAddItems(call: ApiCall): void {
	const { ctx, res, params } = call;
	const user = requireUser(call, PLAYLIST_SCOPES);
	if (!user) return;
	const playlist = ctx.playlists.get(params.playlist_id ?? '');
	if (!playlist) return apiError(res, 404, 'Resource not found');
	if (playlist.ownerId !== user.id) return apiError(res, 403, "You cannot add tracks to a playlist you don't own.");
	const input = readItemsInput(call);
	if (typeof input === 'string') return apiError(res, 400, input);
	const problem = checkUris(ctx, input.uris);
	if (problem !== null) return apiError(res, 400, problem);
	const position = input.position ?? playlist.uris.length;
	if (position < 0 || position > playlist.uris.length) return apiError(res, 400, 'Index out of bounds');
	playlist.uris.splice(position, 0, ...input.uris);
	playlist.snapshotId = snapshotId(ctx);
	res.status(201).json({ snapshot_id: playlist.snapshotId });
}

// URIs in the query string win over the body, as the spec says.
function readItemsInput({ req, query }: ApiCall): { uris: string[]; position: number | undefined } | string {
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	const rawPosition = query.position ?? body.position;
	const position = rawPosition === undefined ? undefined : Number(rawPosition);
	if (position !== undefined && !Number.isInteger(position)) return 'Invalid position';
	if (query.uris !== undefined) return { uris: query.uris.split(',').map((uri) => uri.trim()), position };
	const uris = body.uris;
	if (!Array.isArray(uris) || !uris.every((uri): uri is string => typeof uri === 'string')) return 'Missing uris';
	return { uris, position };
}

function checkUris(ctx: Context, uris: string[]): string | null {
	if (uris.length === 0) return 'No uris provided';
	if (uris.length > MAX_ITEMS_PER_ADD) return `You can add a maximum of ${MAX_ITEMS_PER_ADD} tracks per request.`;
	for (const uri of uris) {
		const match = TRACK_URI.exec(uri);
		if (!match) return `Invalid track uri: ${uri}`;
		if (match[1] !== 'track' || !ctx.catalog.findTrack(match[2] ?? '')) return 'Payload contains a non-existing ID';
	}
	return null;
}

function snapshotId(ctx: Context): string {
	return `AAAA${base62Id(ctx.idRng, 28)}`;
}

// ---- Response objects, shaped like the spec's (no deprecated fields) --------------------------------------------

function links(base: string, type: string, id: string): object {
	return {
		external_urls: { spotify: `https://open.spotify.com/${type}/${id}` },
		href: `${base}/v1/${type}s/${id}`,
		id,
		type,
		uri: `spotify:${type}:${id}`,
	};
}

function userObject(base: string, user: SpotifyUser): object {
	return { display_name: user.display_name, ...links(base, 'user', user.id) };
}

function artistObject(base: string, artist: CatalogArtistRef): object {
	return { name: artist.name, ...links(base, 'artist', artist.id) };
}

function albumObject(base: string, album: CatalogAlbum): object {
	return {
		album_type: album.albumType,
		total_tracks: album.totalTracks,
		images: album.images,
		name: album.name,
		release_date: album.release_date,
		release_date_precision: 'day',
		artists: album.artists.map((artist) => artistObject(base, artist)),
		...links(base, 'album', album.id),
	};
}

function trackObject(base: string, track: CatalogTrack): object {
	return {
		album: albumObject(base, track.album),
		artists: track.artists.map((artist) => artistObject(base, artist)),
		disc_number: 1,
		duration_ms: track.durationMs,
		explicit: track.explicit,
		external_ids: { isrc: track.isrc },
		is_local: false,
		name: track.name,
		track_number: track.trackNumber,
		...links(base, 'track', track.id),
	};
}

function playlistObject(ctx: Context, playlist: StandinPlaylist): object {
	const owner = ctx.users.find((user) => user.id === playlist.ownerId) ?? { id: playlist.ownerId, display_name: '' };
	const base = links(ctx.url, 'playlist', playlist.id);
	return {
		collaborative: playlist.collaborative,
		description: playlist.description,
		images: [],
		name: playlist.name,
		owner: userObject(ctx.url, owner),
		public: playlist.public,
		snapshot_id: playlist.snapshotId,
		items: {
			href: `${ctx.url}/v1/playlists/${playlist.id}/items`,
			items: [],
			limit: 100,
			next: null,
			offset: 0,
			previous: null,
			total: playlist.uris.length,
		},
		...base,
	};
}
