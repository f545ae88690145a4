// What the bench injects and how often it measures. Latencies resemble a local 7B model and Spotify's Web API as
// seen from Europe; they are seeded so two runs see the same answers and the same jitter.

export const LATENCY = {
	ollama: { firstTokenMs: 500, perTokenMs: 10 },
	spotify: { latencyMs: 60, jitterMs: 40 },
} as const;

/** The load step's LLM: a small model on a GPU. At LATENCY.ollama, 50 playlists through 2 LLM slots take ~100 s. */
export const LOAD_OLLAMA_LATENCY = { firstTokenMs: 100, perTokenMs: 2 } as const;

export const SEED = 42;

/** The bot's own defaults (src/app.ts, .env.example): nothing is sped up for the bench. */
export const BOT_DEFAULTS = { progressIntervalMs: 1_000, ollamaConcurrency: 2, ollamaTimeoutMs: 60_000 } as const;

export const PLAYLIST_LENGTH = 15;
export const CRITICAL_RUNS = 5;
export const CACHE_BATCHES = 3;
export const CACHE_RUNS_PER_BATCH = 200;
export const LOAD_RUNS = 3;
export const LOAD_USERS = 50;
/** The shards step: one run per side, at LOAD_OLLAMA_LATENCY, so both deployments fit in ~25 s together. */
export const SHARD_USERS = 20;

export const TARGETS = {
	criticalPathRatio: 1.1,
	speedUp: 1.5,
	cacheHitMedianMs: 30,
	rssMb: 150,
} as const;

export const RESULTS_PATH = new URL('./results.md', import.meta.url);
