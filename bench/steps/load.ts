import type { BenchEnvironment } from '../environment.js';
import { llmWaitMs } from '../floor.js';
import { nextUserId, sendPlaylist, timePlaylist, type PlaylistTiming } from '../playlistRequest.js';
import { BOT_DEFAULTS, LATENCY, LOAD_OLLAMA_LATENCY, PLAYLIST_LENGTH } from '../settings.js';
import { percentile, sum } from '../stats.js';

// Many users at once, each with their own prompt: every request is dispatched before the first is answered.

export interface LoadRun {
	lastMs: number;
	/** Σ LLM answer times ÷ LLM slots: the last playlist cannot come sooner. */
	llmBoundMs: number;
	deferP50Ms: number;
	deferP95Ms: number;
	finalP50Ms: number;
	finalP95Ms: number;
	llmMaxInFlight: number;
	spotifyPerPlaylist: number;
	llmCallsPerPlaylist: number;
	/** How often discord.js held a request back for its own global limit (50 requests a second) during the run. */
	globalLimitWaits: number;
	rssMb: number;
	heapUsedMb: number;
}

const LOAD_TIMEOUT_MS = 150_000;

/** When the last reply came, and the spread of time to defer and to final reply. */
export function summarizeTimings(timings: readonly PlaylistTiming[]) {
	const defer = timings.map((timing) => timing.deferMs);
	const final = timings.map((timing) => timing.finalMs);
	const started = Math.min(...timings.map((timing) => timing.sentAt));
	return {
		lastMs: Math.max(...timings.map((timing) => timing.finalAt)) - started,
		deferP50Ms: percentile(defer, 50),
		deferP95Ms: percentile(defer, 95),
		finalP50Ms: percentile(final, 50),
		finalP95Ms: percentile(final, 95),
	};
}

export async function measureLoad(env: BenchEnvironment, prompts: readonly string[]): Promise<LoadRun> {
	const { ollama, spotify } = env.upstreams;
	ollama.setLatency(LOAD_OLLAMA_LATENCY);
	ollama.resetStats();
	spotify.resetRecords();
	try {
		const waitsBefore = await env.bot.call('rateLimitWaits', {});
		const handles = prompts.map((prompt) =>
			sendPlaylist(env.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId() }),
		);
		const timings = await Promise.all(handles.map((handle) => timePlaylist(handle, LOAD_TIMEOUT_MS)));
		const memory = await env.bot.call('memory', {});
		const waitsAfter = await env.bot.call('rateLimitWaits', {});
		const llmMs = sum(ollama.answers.map((answer) => llmWaitMs(answer, LOAD_OLLAMA_LATENCY)));
		return {
			...summarizeTimings(timings),
			llmBoundMs: llmMs / BOT_DEFAULTS.ollamaConcurrency,
			llmMaxInFlight: ollama.maxInFlight,
			spotifyPerPlaylist: spotify.requests.length / prompts.length,
			llmCallsPerPlaylist: ollama.totals.chatCalls / prompts.length,
			globalLimitWaits: waitsAfter.global - waitsBefore.global,
			...memory,
		};
	} finally {
		ollama.setLatency(LATENCY.ollama);
	}
}
