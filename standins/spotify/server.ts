import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DEFAULT_SCOPE, handleAuthorize, handleDecision, handleToken, issueTokens } from './accounts.js';
import { createContext, type Context } from './context.js';
import { delayAndFault, SEARCH_PATH, setStickyFault } from './faults.js';
import { setListener } from './listenerSeed.js';
import { LIBRARY_CONTAINS_PATH } from './listeners.js';
import { handleError } from './replies.js';
import type { RecordedRequest, SpotifyStandin, SpotifyStandinOptions } from './types.js';
import { handleWebApi } from './webApi.js';

// A Spotify stand-in: accounts service (/api/token, /authorize) and Web API on one 127.0.0.1 server, so its
// `url` serves as both SPOTIFY_ACCOUNTS_URL and SPOTIFY_API_URL. This module wires the express app (recording,
// latency and faults, then the routes) and builds the handle tests hold.

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
		requestsTo: (path, method) => requestsTo(ctx, path, method),
		waitForRequests: (condition, timeoutMs = 10_000) =>
			ctx.arrivals.until(() => condition(records.requests), timeoutMs, 'the requests the Spotify stand-in awaited'),
		failNext: (fault, options) =>
			ctx.oneShot.push({ fault, path: options?.path, method: options?.method, times: options?.times ?? 1 }),
		setFault: (fault, options) => setStickyFault(ctx, fault, options),
		...userControls(ctx),
		close: () => closeServer(ctx, server),
	};
}

type UserControls = Pick<
	SpotifyStandin,
	'setCurrentUser' | 'expireAccessTokens' | 'revokeRefreshTokens' | 'issueTokens' | 'setListener' | 'limitConsentScopes'
>;

function userControls(ctx: Context): UserControls {
	return {
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
		setListener: (userId, seed) => setListener(ctx, userId, seed),
		limitConsentScopes(scopes) {
			ctx.consentScopeLimit = scopes === null ? null : [...scopes];
		},
	};
}

function requestsTo(ctx: Context, path: string | RegExp, method?: string): RecordedRequest[] {
	const matches = (recorded: string) =>
		typeof path === 'string' ? recorded.replace(/\/+$/, '') === path.replace(/\/+$/, '') : path.test(recorded);
	return ctx.records.requests.filter(
		(request) => matches(request.path) && (!method || request.method === method.toUpperCase()),
	);
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
		ctx.arrivals.notify();
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
	if (LIBRARY_CONTAINS_PATH.test(record.path) && record.query.uris !== undefined)
		ctx.records.libraryChecks.push(record.query.uris.split(',').map((uri) => uri.trim()));
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
