import type { Express } from 'express';
import { DEFAULT_DRAFT_TTL_DAYS, DEFAULT_USER_LIMITS, type BotConfig, type PipelineConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createOAuthApp } from './oauth/createOAuthApp.js';
import { createLinking, type Linking } from './services/linking/linkFlow.js';
import { createHeldLinks } from './services/linking/heldLinks.js';
import { createSpotifyLinks } from './services/linking/linkedAccounts.js';
import { createOAuthStates, type StoredState } from './services/linking/oauthStates.js';
import { createLlm, type Llm } from './services/llm/createLlm.js';
import { createDrafts, type Drafts } from './services/pipeline/drafts.js';
import { createPlaylistPipeline, type Pipeline } from './services/pipeline/playlistPipeline.js';
import type { PlaylistResult } from './services/pipeline/playlistTypes.js';
import { createPlaylistSaver, type PlaylistSaver, type StoredSave } from './services/saving/playlistSaver.js';
import { createSpotifyCatalog, type SpotifyCatalog } from './services/spotify/catalog.js';
import { DEFAULT_SPOTIFY_POLICY, type SpotifyRequestPolicy } from './services/spotify/spotifyRequest.js';
import { createSpotifyUserClient } from './services/spotify/userClient.js';
import { createStore, type Store } from './services/store/createStore.js';
import { createUserIndex } from './services/store/userIndex.js';
import { createUserRateLimit, type UserRateLimit } from './services/store/userRateLimit.js';
import { createUserData, type UserData } from './services/privacy/userData.js';

// The one place that builds the object graph: logger → store → LLM hosts → Spotify → pipeline → linking, and the
// OAuth app over them. start() (app.ts) adds the Discord client, the shard manager its shards, the terminal command
// uses the pipeline part alone; tests build the parts over a store of their own.

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface PipelineServices {
	llm: Llm;
	catalog: SpotifyCatalog;
	pipeline: Pipeline;
}

export interface LinkingServices {
	linking: Linking;
	saver: PlaylistSaver;
}

export interface Services extends PipelineServices, LinkingServices {
	logger: Logger;
	store: Store;
	drafts: Drafts;
	/** Per user and hour, across every process: playlists made (with Regenerates) and saves. */
	userLimits: { playlists: UserRateLimit; saves: UserRateLimit };
	/** What the bot holds about a user, and deleting it. */
	userData: UserData;
	/** The OAuth callback app; its /healthz reports the Discord side through `gatewayReady`. */
	createOAuthApp(gatewayReady: () => boolean): Express;
	/** Stops the hourly purge and closes the store. */
	close(): Promise<void>;
}

export interface ServicesOptions {
	logger?: Logger;
	spotifyPolicy?: SpotifyRequestPolicy;
	/** The clock of OAuth states and token refreshes, for tests. */
	now?: () => number;
}

/**
 * The pipeline with its parts. On Redis, the store's shared semaphore makes OLLAMA_CONCURRENCY hold per host across
 * every process; on SQLite (one process) the in-process limit is enough and spares the file a write per LLM request.
 */
export function createPipelineServices(
	config: PipelineConfig,
	store: Store,
	options: ServicesOptions & { logger: Logger },
): PipelineServices {
	const { logger } = options;
	const llm = createLlm({
		...config.ollama,
		slots: store.kind === 'redis' ? store : undefined,
		logger: logger.child({ module: 'llm' }),
	});
	const catalog = createSpotifyCatalog({
		urls: config.spotify,
		clientId: config.spotify.clientId,
		clientSecret: config.spotify.clientSecret,
		policy: options.spotifyPolicy ?? DEFAULT_SPOTIFY_POLICY,
		logger: logger.child({ module: 'spotify' }),
	});
	const pipeline = createPlaylistPipeline({
		llm,
		catalog,
		cache: store.collection<PlaylistResult>('playlist'),
		cacheTtlMs: config.cacheTtlSeconds * 1000,
		spotifyContext: config.llmSpotifyContext,
		claims: store,
		logger: logger.child({ module: 'pipeline' }),
	});
	return { llm, catalog, pipeline };
}

/**
 * Linking and saving. The store holds the collections `spotify-link` (sealed), `oauth-state` and `spotify-save`,
 * and the claims `save:<draftId>:<userId>` so a save happens once across processes.
 */
export function createLinkingServices(
	config: Pick<BotConfig, 'spotify' | 'tokenEncryptionKey' | 'tokenEncryptionKeysOld' | 'draftTtlDays'>,
	store: Store,
	options: ServicesOptions & { logger: Logger },
): LinkingServices {
	const { logger, now } = options;
	const { spotify } = config;
	const keys = { current: config.tokenEncryptionKey, old: config.tokenEncryptionKeysOld ?? [] };
	const client = createSpotifyUserClient({
		urls: spotify,
		clientId: spotify.clientId,
		clientSecret: spotify.clientSecret,
		redirectUri: spotify.redirectUri,
		policy: options.spotifyPolicy ?? DEFAULT_SPOTIFY_POLICY,
		logger: logger.child({ module: 'spotify-user' }),
	});
	const links = createSpotifyLinks({
		collection: store.collection<string>('spotify-link'),
		keys,
		claims: store,
		client,
		logger: logger.child({ module: 'spotify-links' }),
		now,
	});
	const linking = createLinking({
		clientId: spotify.clientId,
		accountsUrl: spotify.accountsUrl,
		redirectUri: spotify.redirectUri,
		states: createOAuthStates({ collection: store.collection<StoredState>('oauth-state'), claims: store, now }),
		links,
		held: createHeldLinks({ collection: store.collection<string>('held-link'), keys, claims: store, now }),
		client,
		logger: logger.child({ module: 'linking' }),
	});
	const saver = createPlaylistSaver({
		links,
		client,
		records: store.collection<StoredSave>('spotify-save'),
		claims: store,
		logger: logger.child({ module: 'save-playlist' }),
		recordTtlMs: draftTtlMs(config),
		index: createUserIndex(store),
	});
	return { linking, saver };
}

const draftTtlMs = (config: Pick<BotConfig, 'draftTtlDays'>) =>
	(config.draftTtlDays ?? DEFAULT_DRAFT_TTL_DAYS) * DAY_MS;

/** What the bot keeps per user: drafts, hourly limits, and the view and deletion of it all. */
function createUserParts(
	config: BotConfig,
	store: Store,
	services: LinkingServices & Pick<PipelineServices, 'pipeline'>,
	logger: Logger,
) {
	const limits = config.userLimits ?? DEFAULT_USER_LIMITS;
	const userLimits = {
		playlists: createUserRateLimit({ store, name: 'playlist', limit: limits.playlistsPerHour, windowMs: HOUR_MS }),
		saves: createUserRateLimit({ store, name: 'save', limit: limits.savesPerHour, windowMs: HOUR_MS }),
	};
	const index = createUserIndex(store);
	const drafts = createDrafts(store, { ttlMs: draftTtlMs(config), index });
	const userData = createUserData({
		...services,
		drafts,
		index,
		rateLimits: Object.values(userLimits),
		store,
		logger: logger.child({ module: 'user-data' }),
	});
	return { drafts, userLimits, userData };
}

/** Everything the bot runs on, from the configuration: what start() and the shard manager both build on. */
export async function createServices(config: BotConfig, options: ServicesOptions = {}): Promise<Services> {
	const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	const store = await createStore(config.databaseUrl);
	const purge = setInterval(
		() => void store.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, 'purge failed')),
		PURGE_INTERVAL_MS,
	).unref();
	const parts = { ...options, logger };
	const { llm, catalog, pipeline } = createPipelineServices(config, store, parts);
	const { linking, saver } = createLinkingServices(config, store, parts);
	return {
		logger,
		store,
		llm,
		catalog,
		pipeline,
		...createUserParts(config, store, { linking, saver, pipeline }, logger),
		linking,
		saver,
		createOAuthApp: (gatewayReady) =>
			createOAuthApp({
				linking,
				redirectUri: config.spotify.redirectUri,
				storeKind: store.kind,
				trustProxy: config.oauthServer?.trustProxy,
				healthzToken: config.oauthServer?.healthzToken,
				logger: logger.child({ module: 'oauth' }),
				health: async () => ({
					gateway: gatewayReady(),
					store: await store.ping(),
					ollama: await llm.ping(),
					ollamaHosts: llm.hostStates(),
				}),
			}),
		async close() {
			clearInterval(purge);
			await store.close();
		},
	};
}
