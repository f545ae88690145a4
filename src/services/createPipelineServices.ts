import type { PipelineConfig } from '../config.js';
import type { Logger } from '../log.js';
import { createLlm, type Llm } from './llm.js';
import type { PlaylistResult } from './playlist.js';
import { createPlaylistPipeline, type Pipeline } from './playlistPipeline.js';
import { createSpotifyCatalog, type SpotifyCatalog } from './spotifyCatalog.js';
import { DEFAULT_SPOTIFY_POLICY, type SpotifyRequestPolicy } from './spotifyRequest.js';
import type { Store } from './store.js';

export interface PipelineServices {
	llm: Llm;
	catalog: SpotifyCatalog;
	pipeline: Pipeline;
}

export interface PipelineServicesOptions {
	config: PipelineConfig;
	store: Store;
	logger: Logger;
	spotifyPolicy?: SpotifyRequestPolicy;
}

/**
 * The pipeline with its parts, as both the bot and the terminal command use it. On Redis, the store's shared
 * semaphore makes OLLAMA_CONCURRENCY hold per host across every process; on SQLite (one process) the in-process
 * limit is enough and spares the file a write per LLM request.
 */
export function createPipelineServices(options: PipelineServicesOptions): PipelineServices {
	const { config, store, logger } = options;
	const spotifyPolicy = options.spotifyPolicy ?? DEFAULT_SPOTIFY_POLICY;
	const slots = store.kind === 'redis' ? store : undefined;
	const llm = createLlm({ ...config.ollama, slots, logger: logger.child({ module: 'llm' }) });
	const catalog = createSpotifyCatalog({
		urls: config.spotify,
		clientId: config.spotify.clientId,
		clientSecret: config.spotify.clientSecret,
		policy: spotifyPolicy,
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
