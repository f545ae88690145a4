// Boots what the linking tests need: the Spotify stand-in, a store on a temp SQLite file, the linking services
// with a movable clock and a captured log, and the real OAuth app listening on 127.0.0.1:0.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Logger } from '../../../src/log.js';
import { createOAuthApp, type HealthReport, type OAuthAppDeps } from '../../../src/oauth/createOAuthApp.js';
import { createLinkingServices, type LinkingServices } from '../../../src/wiring/linkingServices.js';
import type { SaveableDraft } from '../../../src/services/saving/playlistDetails.js';
import type { SpotifyRequestPolicy } from '../../../src/services/spotify/spotifyRequest.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { openJson } from '../../../src/services/linking/tokenCrypto.js';
import { captureLogger, TEST_SPOTIFY_CLIENT, tempDatabaseUrl } from '../../../standins/upstreams.js';
import { startSpotifyStandin, type SpotifyStandin, type SpotifyStandinOptions } from '../../../standins/spotify.js';

export const FAST_POLICY: SpotifyRequestPolicy = {
	timeoutMs: 3_000,
	retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
	maxRetryAfterSeconds: 1,
};

export const TEST_USERS = [
	{ id: 'alice', display_name: 'Alice Liddell-Quartz' },
	{ id: 'bob', display_name: 'Bob Marleyfield' },
	{ id: 'mallory', display_name: '<script>alert("x")</script> & <b>Co</b>' },
];

export interface HarnessOptions {
	spotify?: SpotifyStandinOptions;
	/** Default: a temp SQLite file. */
	databaseUrl?: string;
	rateLimit?: { limit: number; windowMs: number };
	/** The OAuth app's proxy trust, /healthz token and cache (default here: no cache, so each test's flip shows). */
	oauthApp?: Pick<OAuthAppDeps, 'trustProxy' | 'healthzToken' | 'healthCacheMs'>;
}

export interface StoredTokens {
	accessToken: string;
	refreshToken: string;
}

export interface LinkingHarness {
	spotify: SpotifyStandin;
	databasePath: string;
	store: Store;
	services: LinkingServices;
	key: Buffer;
	logs: string[];
	/** Our OAuth server. */
	baseUrl: string;
	redirectUri: string;
	/** What /healthz reports next; an Error makes the check throw. */
	health: HealthReport | Error;
	/** How many times /healthz ran the check. */
	healthChecks: number;
	advanceClock(ms: number): void;
	/** A fresh store handle and fresh services on the same SQLite file, as after a restart; `oldKeys` only open. */
	restart(key?: Buffer, oldKeys?: Buffer[]): Promise<void>;
	/** Runs beginLink and Spotify's /authorize (auto-approved); returns the callback URL Spotify redirects to. */
	authorize(discordUserId: string, spotifyUserId?: string): Promise<URL>;
	/** A complete link through the service (no HTTP callback). */
	link(discordUserId: string, spotifyUserId?: string): Promise<void>;
	/** Decrypts what the store holds for a user, as only the bot could. */
	readTokens(discordUserId: string): Promise<StoredTokens>;
	/** A draft of the catalog's first `count` tracks. */
	makeDraft(id: string, count?: number): SaveableDraft;
	countRequests(method: string, path: RegExp | string): number;
	refreshGrants(): number;
	close(): Promise<void>;
}

interface Setup {
	spotify: SpotifyStandin;
	databaseUrl: string;
	redirectUri: string;
	logger: Logger;
	now: () => number;
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function openServices(
	setup: Setup,
	key: Buffer,
	oldKeys: Buffer[] = [],
): Promise<{ store: Store; services: LinkingServices }> {
	const store = await createStore(setup.databaseUrl);
	const spotify = { ...TEST_SPOTIFY_CLIENT, apiUrl: setup.spotify.url, accountsUrl: setup.spotify.url };
	const config = {
		spotify: { ...spotify, redirectUri: setup.redirectUri },
		tokenEncryptionKey: key,
		tokenEncryptionKeysOld: oldKeys,
	};
	const services = createLinkingServices(config, store, {
		logger: setup.logger,
		spotifyPolicy: FAST_POLICY,
		now: setup.now,
	});
	return { store, services };
}

function completeFromUrl(harness: LinkingHarness, callback: URL) {
	const query = (name: string) => callback.searchParams.get(name) ?? undefined;
	return harness.services.linking.completeLink({ state: query('state'), code: query('code'), error: query('error') });
}

function recordHelpers(spotify: SpotifyStandin): Pick<LinkingHarness, 'makeDraft' | 'countRequests' | 'refreshGrants'> {
	const grantType = (body: unknown) => (body as { grant_type?: string } | undefined)?.grant_type;
	return {
		makeDraft: (id, count = 3) => ({
			id,
			name: `Draft ${id}`,
			prompt: `songs for ${id}`,
			tracks: spotify.catalog.tracks.slice(0, count).map((track) => ({ uri: track.uri })),
		}),
		countRequests: (method, path) =>
			spotify.requests.filter(
				(request) =>
					request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)),
			).length,
		refreshGrants: () =>
			spotify.requests.filter((request) => request.path === '/api/token' && grantType(request.body) === 'refresh_token')
				.length,
	};
}

/** The Discord user a test's id stands for, as /link-spotify would pass it. */
export function discordUserFor(id: string) {
	return { id, name: `Discord ${id}`, handle: `user${id}` };
}

function linkHelpers(
	current: () => LinkingHarness,
	key: Buffer,
): Pick<LinkingHarness, 'authorize' | 'link' | 'readTokens'> {
	const authorize = async (discordUserId: string, spotifyUserId = 'alice') => {
		current().spotify.setCurrentUser(spotifyUserId);
		const { url } = await current().services.linking.beginLink(discordUserFor(discordUserId));
		const response = await fetch(url, { redirect: 'manual' });
		if (response.status !== 302) throw new Error(`authorize answered ${response.status}`);
		return new URL(response.headers.get('location') ?? '');
	};
	return {
		authorize,
		link: async (discordUserId, spotifyUserId) => {
			const result = await completeFromUrl(current(), await authorize(discordUserId, spotifyUserId));
			if (result.outcome !== 'confirm') throw new Error(`linking ended with ${result.outcome}`);
			const confirmed = await current().services.linking.confirmLink({ token: result.pending.token, decision: 'link' });
			if (confirmed.outcome !== 'linked') throw new Error(`confirming ended with ${confirmed.outcome}`);
		},
		readTokens: async (discordUserId) => {
			const sealed = await current().store.collection<string>('spotify-link').get(discordUserId);
			return openJson(key, sealed, `spotify-link:${discordUserId}`) as StoredTokens;
		},
	};
}

function serveOAuthApp(server: Server, harness: LinkingHarness, logger: Logger, options: HarnessOptions): void {
	const app = createOAuthApp({
		// Looked up per request, so a restart's fresh services answer.
		linking: {
			completeLink: (input) => harness.services.linking.completeLink(input),
			confirmLink: (input) => harness.services.linking.confirmLink(input),
		},
		redirectUri: harness.redirectUri,
		health: () => {
			harness.healthChecks++;
			return harness.health instanceof Error ? Promise.reject(harness.health) : Promise.resolve(harness.health);
		},
		storeKind: harness.store.kind,
		logger,
		rateLimit: options.rateLimit,
		healthCacheMs: 0,
		...options.oauthApp,
	});
	server.on('request', app);
}

export async function startLinkingHarness(options: HarnessOptions = {}): Promise<LinkingHarness> {
	const spotify = await startSpotifyStandin({
		...TEST_SPOTIFY_CLIENT,
		users: TEST_USERS,
		autoApprove: true,
		...options.spotify,
	});
	const { logger, lines } = captureLogger('debug');
	const server = createServer();
	const baseUrl = await listen(server);
	let clockOffset = 0;
	const setup: Setup = {
		spotify,
		databaseUrl: options.databaseUrl ?? tempDatabaseUrl(),
		redirectUri: `${baseUrl}/callback`,
		logger,
		now: () => Date.now() + clockOffset,
	};
	const key = randomBytes(32);
	const harness: LinkingHarness = {
		...(await openServices(setup, key)),
		...recordHelpers(spotify),
		...linkHelpers(() => harness, key),
		spotify,
		databasePath: setup.databaseUrl.replace(/^sqlite:\/\//, ''),
		key,
		logs: lines,
		baseUrl,
		redirectUri: setup.redirectUri,
		health: { gateway: true, store: true, ollama: true },
		healthChecks: 0,
		advanceClock: (ms) => (clockOffset += ms),
		restart: async (newKey = key, oldKeys = []) => {
			await harness.store.close();
			Object.assign(harness, await openServices(setup, newKey, oldKeys));
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await harness.store.close();
			await spotify.close();
		},
	};
	serveOAuthApp(server, harness, logger, options);
	return harness;
}

/**
 * For a test file's top level: returns `boot`, which starts a fresh harness and hands it to `keep` (the file holds it
 * in its own variable). Each test's harness is closed after it, also when the test failed or boot never finished.
 */
export function bootLinkingHarnessPerTest(keep: (harness: LinkingHarness) => void) {
	let running: LinkingHarness | undefined;
	afterEach(async () => {
		await running?.close();
		running = undefined;
	});
	return async (options?: HarnessOptions): Promise<LinkingHarness> => {
		running = await startLinkingHarness(options);
		keep(running);
		return running;
	};
}
