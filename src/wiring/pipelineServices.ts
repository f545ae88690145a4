import { DEFAULT_SPOTIFY_CACHE, type PipelineConfig } from '../config.js';
import type { Logger } from '../log.js';
import { createLlm, type Llm } from '../services/llm/createLlm.js';
import type { GenerateDeps } from '../services/pipeline/generatePlaylist.js';
import { createGenerateDeps, createPlaylistPipeline, type Pipeline } from '../services/pipeline/playlistPipeline.js';
import type { PlaylistResult } from '../services/pipeline/playlistTypes.js';
import type { VerifiedSong } from '../services/pipeline/verifiedSuggestions.js';
import { createSpotifyCatalog, type SearchPage, type SpotifyCatalog } from '../services/spotify/catalog.js';
import { DEFAULT_SPOTIFY_POLICY, type SpotifyRequestPolicy } from '../services/spotify/spotifyRequest.js';
import type { Store } from '../services/store/createStore.js';

export interface PipelineServices {
	llm: Llm;
	catalog: SpotifyCatalog;
	pipeline: Pipeline;
	/** How the pipeline generates a playlist, with the same shared caches: what personal playlists run on. */
	generation: GenerateDeps;
}

/** What building a part of the graph takes besides the configuration and the store. */
export interface PartOptions {
	logger: Logger;
	spotifyPolicy?: SpotifyRequestPolicy;
	/** The clock of OAuth states and token refreshes, for tests. */
	now?: () => number;
}

const HOUR_MS = 3_600_000;

/** Spotify's answers kept in the store for every process and user, for as long as the configuration says. */
function spotifyCaches(config: PipelineConfig, store: Store, logger: Logger) {
	const ttl = config.spotifyCache ?? DEFAULT_SPOTIFY_CACHE;
	return {
		searches: { pages: store.collection<SearchPage>('search'), ttlMs: ttl.searchTtlHours * HOUR_MS, logger },
		verified: {
			songs: store.collection<VerifiedSong>('verified'),
			foundTtlMs: ttl.verifyTtlDays * 24 * HOUR_MS,
			missTtlMs: ttl.verifyMissTtlHours * HOUR_MS,
			logger,
		},
	};
}

/**
 * The pipeline with its parts. On Redis, the store's shared semaphore makes OLLAMA_CONCURRENCY hold per host across
 * every process; on SQLite (one process) the in-process limit is enough and spares the file a write per LLM request.
 */
export function createPipelineServices(config: PipelineConfig, store: Store, options: PartOptions): PipelineServices {
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
	const pipelineLogger = logger.child({ module: 'pipeline' });
	const pipelineDeps = {
		llm,
		catalog,
		cache: store.collection<PlaylistResult>('playlist'),
		cacheTtlMs: config.cacheTtlSeconds * 1000,
		spotifyCaches: spotifyCaches(config, store, pipelineLogger),
		spotifyContext: config.llmSpotifyContext,
		claims: store,
		logger: pipelineLogger,
	};
	const pipeline = createPlaylistPipeline(pipelineDeps);
	return { llm, catalog, pipeline, generation: createGenerateDeps(pipelineDeps) };
}
