import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from '../log.js';
import type { Linking } from '../services/linking/linkFlow.js';
import type { HostView } from '../services/llm/ollamaHosts.js';
import { withTimeout } from '../services/retry.js';
import type { StoreKind } from '../services/store/createStore.js';
import { createCallbackHandler, createConfirmHandler, sendPage } from './callback.js';
import { isOwnerRequest } from './ownerRequest.js';
import { notFoundPage, PAGE_STYLE_SOURCE, serverErrorPage, tooManyRequestsPage } from './pages.js';

export interface HealthReport {
	gateway: boolean;
	store: boolean;
	ollama: boolean;
	/** Each Ollama host as this process sees it: healthy, requests in flight, skipped until when. */
	ollamaHosts?: HostView[];
}

export interface OAuthAppDeps {
	linking: Pick<Linking, 'completeLink' | 'confirmLink'>;
	/** SPOTIFY_REDIRECT_URI: its path is where the callback is served. */
	redirectUri: string;
	health: () => Promise<HealthReport>;
	/** Which store DATABASE_URL chose; /healthz shows it even when the check fails. */
	storeKind?: StoreKind;
	logger: Logger;
	/** Callback requests allowed per client IP and window (default 30 per 15 minutes). */
	rateLimit?: { limit: number; windowMs: number };
	/** Express's `trust proxy`, when a reverse proxy sets X-Forwarded-For (default off). */
	trustProxy?: false | number | string;
	/** Shows /healthz's details to a request with this bearer token, from anywhere. */
	healthzToken?: string;
	healthTimeoutMs?: number;
	/** How long one health check answers every /healthz request (default 2 s), so it can't hammer Ollama and the store. */
	healthCacheMs?: number;
}

const DEFAULT_RATE_LIMIT = { limit: 30, windowMs: 15 * 60 * 1000 };
const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
const DEFAULT_HEALTH_CACHE_MS = 2_000;

function securityHeaders(): RequestHandler {
	return helmet({
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				defaultSrc: ["'none'"],
				styleSrc: [PAGE_STYLE_SOURCE],
				baseUri: ["'none'"],
				// The confirm page posts its form back here, and nowhere else.
				formAction: ["'self'"],
				frameAncestors: ["'none'"],
			},
		},
		referrerPolicy: { policy: 'no-referrer' },
	});
}

async function checkHealth(deps: OAuthAppDeps): Promise<HealthReport> {
	try {
		return await withTimeout(deps.health(), deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
	} catch (error) {
		deps.logger.warn({ err: error }, 'health check failed');
		return { gateway: false, store: false, ollama: false };
	}
}

/** /healthz: `ok` and the status code for anyone; the per-part details (with host URLs) for the owner only. */
function healthHandler(deps: OAuthAppDeps): RequestHandler {
	let cached: { at: number; report: Promise<HealthReport> } | undefined;
	const cacheMs = deps.healthCacheMs ?? DEFAULT_HEALTH_CACHE_MS;
	return async (req, res) => {
		if (!cached || performance.now() - cached.at >= cacheMs)
			cached = { at: performance.now(), report: checkHealth(deps) };
		const { gateway, store, ollama, ollamaHosts } = await cached.report;
		const ok = gateway === true && store === true && ollama === true;
		const body = isOwnerRequest(req, deps.healthzToken)
			? { ok, gateway, store, storeKind: deps.storeKind, ollama, ollamaHosts }
			: { ok };
		res.status(ok ? 200 : 503).json(body);
	};
}

/** The HTTP side of linking: the OAuth callback and /healthz. The caller listens on HTTP_HOST:HTTP_PORT. */
export function createOAuthApp(deps: OAuthAppDeps): Express {
	const app = express();
	app.disable('x-powered-by');
	if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
	app.use(securityHeaders());
	app.use((_req, res, next) => {
		// Pages are per user and the callback URL carries a one-time code: nothing is cached.
		res.set('Cache-Control', 'no-store');
		next();
	});
	app.get('/healthz', healthHandler(deps));
	const limiter = rateLimit({
		...(deps.rateLimit ?? DEFAULT_RATE_LIMIT),
		// Only failed callbacks count (a bad or replayed state, a denied code): real users finishing their links never
		// use up the window, and garbage uses up only its sender's, once TRUST_PROXY names the proxy.
		skipSuccessfulRequests: true,
		standardHeaders: 'draft-8',
		legacyHeaders: false,
		handler: (_req, res) => sendPage(res, tooManyRequestsPage()),
	});
	const callbackPath = new URL(deps.redirectUri).pathname;
	app.get(callbackPath, limiter, createCallbackHandler(deps));
	app.post(callbackPath, limiter, express.urlencoded({ extended: false, limit: '2kb' }), createConfirmHandler(deps));
	app.use((_req, res) => sendPage(res, notFoundPage()));
	app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
		const reference = randomBytes(4).toString('hex');
		deps.logger.error({ err: error, reference }, 'oauth server error');
		sendPage(res, serverErrorPage(reference));
	});
	return app;
}
