import type { Express } from 'express';
import { DEFAULT_USER_LIMITS, type BotConfig, type PipelineConfig, type UserLimitsConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createOAuthApp } from './oauth/createOAuthApp.js';
import { createLinking, type Linking } from './services/linking/linkFlow.js';
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
import { createUserRateLimit, type UserRateLimit } from './services/store/userRateLimit.js';

// The one place that builds the object graph: logger → store → LLM hosts → Spotify → pipeline → linking, and the
// OAuth app over them. start() (app.ts) adds the Discord client, the shard manager its shards, the terminal command
// uses the pipeline part alone; tests build the parts over a store of their own.

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

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
	config: Pick<BotConfig, 'spotify' | 'tokenEncryptionKey' | 'tokenEncryptionKeysOld'>,
	store: Store,
	options: ServicesOptions & { logger: Logger },
): LinkingServices {
	const { logger, now } = options;
	const { spotify } = config;
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
		keys: { current: config.tokenEncryptionKey, old: config.tokenEncryptionKeysOld ?? [] },
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
		client,
		logger: logger.child({ module: 'linking' }),
	});
	const saver = createPlaylistSaver({
		links,
		client,
		records: store.collection<StoredSave>('spotify-save'),
		claims: store,
		logger: logger.child({ module: 'save-playlist' }),
	});
	return { linking, saver };
}

function createUserLimits(store: Store, limits: UserLimitsConfig): Services['userLimits'] {
	return {
		playlists: createUserRateLimit({ store, name: 'playlist', limit: limits.playlistsPerHour, windowMs: HOUR_MS }),
		saves: createUserRateLimit({ store, name: 'save', limit: limits.savesPerHour, windowMs: HOUR_MS }),
	};
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
		drafts: createDrafts(store),
		userLimits: createUserLimits(store, config.userLimits ?? DEFAULT_USER_LIMITS),
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
