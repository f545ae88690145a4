import { MOODS } from '../standins/catalog.js';
import type { ChatAnswer } from '../standins/ollama.js';
import { tokens } from '../standins/ollama/text.js';

// What the bench injects and sends, and how often it measures. Latencies resemble a local 7B model and Spotify's
// Web API as seen from Europe; they are seeded so two runs see the same answers and the same jitter.

export interface LlmLatency {
	firstTokenMs: number;
	perTokenMs: number;
}

export interface SpotifyLatency {
	latencyMs: number;
	jitterMs: number;
}

export const LATENCY = {
	ollama: { firstTokenMs: 500, perTokenMs: 10 },
	spotify: { latencyMs: 60, jitterMs: 40 },
} as const;

/** The load and shards steps' LLM: a small model on a GPU, so the queue of LLM calls drains in seconds. */
export const LOAD_OLLAMA_LATENCY = { firstTokenMs: 100, perTokenMs: 2 } as const;

export const SEED = 42;

/** The bot's own defaults (src/app.ts, .env.example): nothing is sped up for the bench. */
export const BOT_DEFAULTS = { progressIntervalMs: 1_000, ollamaConcurrency: 2, ollamaTimeoutMs: 60_000 } as const;

export const PLAYLIST_LENGTH = 15;
export const CRITICAL_RUNS = 5;
export const CACHE_BATCHES = 3;
export const CACHE_RUNS_PER_BATCH = 200;
/** A cache hit slower than this is counted, to tell the cache from discord.js's own rate limiting. */
export const CACHE_SLOW_MS = 100;
export const LOAD_RUNS = 3;
export const LOAD_USERS = 50;
/** One run per side, so both deployments fit in a small part of the bench's minutes. */
export const SHARD_USERS = 20;

export const TARGETS = {
	criticalPathRatio: 1.1,
	speedUp: 1.5,
	cacheHitMedianMs: 30,
	rssMb: 150,
} as const;

/** Discord drops an interaction not answered (here: deferred) within this. */
export const DISCORD_DEFER_LIMIT_MS = 3_000;

export const RESULTS_PATH = new URL('./results.md', import.meta.url);

/** As the stand-in paces it: a whole answer after first + n × per token; a stream's last token at first + (n − 1) × per. */
export function llmWaitMs(answer: ChatAnswer, latency: LlmLatency): number {
	const count = tokens(answer.content.length);
	return latency.firstTokenMs + (answer.stream ? Math.max(0, count - 1) : count) * latency.perTokenMs;
}

/** One search round: the mean of the stand-in's latency + uniform 0..jitter. */
export function spotifyRoundMs(latency: SpotifyLatency): number {
	return latency.latencyMs + latency.jitterMs / 2;
}

const ACTIVITIES = ['running', 'studying', 'a long drive', 'cooking', 'a rainy evening', 'the gym', 'a party'];

export interface PromptSource {
	take(count: number): string[];
}

/**
 * Distinct prompts from the stand-in catalog's genres and moods, so every run is a cache miss unless it repeats one
 * on purpose. Each step takes fresh prompts from the same sequence.
 */
export function createPromptSource(genres: readonly string[]): PromptSource {
	// Genre varies fastest, so a handful of prompts already covers different parts of the catalog.
	const prompts = ACTIVITIES.flatMap((activity) =>
		MOODS.flatMap((mood) => genres.map((genre) => `${mood} ${genre} for ${activity}`)),
	);
	let next = 0;
	return {
		take(count) {
			if (next + count > prompts.length) throw new Error(`only ${prompts.length} distinct prompts`);
			next += count;
			return prompts.slice(next - count, next);
		},
	};
}
