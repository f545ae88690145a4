import type { Express } from 'express';
import type { BotConfig } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { createOAuthApp } from '../oauth/createOAuthApp.js';
import type { SpotifyRequestPolicy } from '../services/spotify/spotifyRequest.js';
import { createStore, type Store } from '../services/store/createStore.js';
import { createLinkingServices, type LinkingServices } from './linkingServices.js';
import { createPersonalServices, type PersonalServices } from './personalServices.js';
import { createPipelineServices, type PipelineServices } from './pipelineServices.js';
import { createUserServices, type UserServices } from './userServices.js';

// The one place that builds the object graph: logger → store → LLM hosts → Spotify → pipeline → linking, and the
// OAuth app over them. start() (app.ts) adds the Discord client, the shard manager its shards, the terminal command
// uses the pipeline part alone; tests build the parts over a store of their own.

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export interface Services extends PipelineServices, LinkingServices, PersonalServices, UserServices {
	logger: Logger;
	store: Store;
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

/** Everything the bot runs on, from the configuration: what start() and the shard manager both build on. */
export async function createServices(config: BotConfig, options: ServicesOptions = {}): Promise<Services> {
	const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	const store = await createStore(config.databaseUrl);
	const purge = setInterval(
		() => void store.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, 'purge failed')),
		PURGE_INTERVAL_MS,
	).unref();
	const parts = { ...options, logger };
	const pipelineParts = createPipelineServices(config, store, parts);
	const { llm, pipeline, generation } = pipelineParts;
	const linkingParts = createLinkingServices(config, store, parts);
	const { personal } = createPersonalServices(config, store, { ...parts, ...linkingParts, generation });
	return {
		logger,
		store,
		...pipelineParts,
		...linkingParts,
		personal,
		...createUserServices(config, store, { ...linkingParts, pipeline, personal, logger }),
		createOAuthApp: (gatewayReady) =>
			createOAuthApp({
				linking: linkingParts.linking,
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
