import { MOODS } from '../standins/catalog.js';
import type { ChatAnswer } from '../standins/ollama.js';
import { tokens } from '../standins/ollama/text.js';

// What the bench injects and sends, and how often it measures. Latencies resemble a local 7B model on a GPU and
// Spotify's Web API as seen from Europe; they are seeded so two runs see the same answers and the same jitter.

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

/** The load, shards and mixed-workload steps' LLM: a small model on a GPU, so LLM calls take seconds, not minutes. */
export const LOAD_OLLAMA_LATENCY = { firstTokenMs: 100, perTokenMs: 2 } as const;

/** A 7B model on a laptop's CPU: time to first tracks is measured there too, where the LLM dwarfs the rest. */
export const CPU_OLLAMA_LATENCY = { firstTokenMs: 3_000, perTokenMs: 100 } as const;

export const SEED = 42;

/** The bot's own defaults (src/app.ts, .env.example): nothing is sped up for the bench. */
export const BOT_DEFAULTS = { progressIntervalMs: 1_000, ollamaConcurrency: 2, ollamaTimeoutMs: 60_000 } as const;

export const PLAYLIST_LENGTH = 15;
export const CRITICAL_RUNS = 5;
/** Over a minute each. */
export const CPU_RUNS = 2;
/** "First tracks on screen": the first edit of the reply that lists at least this many tracks. */
export const FIRST_TRACKS_MIN = 5;
export const MIXED_PROMPTS = 100;
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
	/** Time to first tracks ÷ time to the final reply. */
	firstTracksRatio: 0.3,
	/** The naive pipeline's prompt → playlist ÷ the bot's time to first tracks. */
	firstTracksVsNaive: 4,
	cacheHitMedianMs: 30,
	/** Mean over the mixed workload. */
	spotifyPerPlaylist: 10,
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
