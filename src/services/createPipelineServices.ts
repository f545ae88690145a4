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

/** The pipeline with its parts, as both the bot and the terminal command use it. */
export function createPipelineServices(
	config: PipelineConfig,
	store: Store,
	logger: Logger,
	spotifyPolicy: SpotifyRequestPolicy = DEFAULT_SPOTIFY_POLICY,
): PipelineServices {
	const { hosts, model, concurrency, timeoutMs } = config.ollama;
	const llm = createLlm({
		host: hosts[0] ?? '',
		model,
		concurrency,
		timeoutMs,
		logger: logger.child({ module: 'llm' }),
	});
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
		logger: logger.child({ module: 'pipeline' }),
	});
	return { llm, catalog, pipeline };
}
