import type { BenchEnvironment } from '../environment.js';
import { median, nextUserId, percentile, sendPlaylist, timePlaylist } from '../playlistTiming.js';
import { CACHE_RUNS_PER_BATCH, CACHE_SLOW_MS, PLAYLIST_LENGTH } from '../settings.js';

// A prompt already made, asked again and again, one request after the other: interaction → final reply.

export interface CacheBatch {
	medianMs: number;
	p99Ms: number;
	upstreamCalls: number;
	/** Runs over CACHE_SLOW_MS, and how often discord.js held a request back for its own global limit meanwhile. */
	slowRuns: number;
	globalLimitWaits: number;
}

const CACHE_TIMEOUT_MS = 5_000;

export async function measureCacheBatch(env: BenchEnvironment, cachedPrompt: string): Promise<CacheBatch> {
	const { ollama, spotify } = env.upstreams;
	ollama.resetStats();
	spotify.resetRecords();
	const waitsBefore = await env.bot.call('rateLimitWaits', {});
	const times: number[] = [];
	for (let run = 0; run < CACHE_RUNS_PER_BATCH; run++) {
		const handle = sendPlaylist(env.discord, { prompt: cachedPrompt, length: PLAYLIST_LENGTH, userId: nextUserId() });
		times.push((await timePlaylist(handle, CACHE_TIMEOUT_MS)).finalMs);
	}
	return {
		medianMs: median(times),
		p99Ms: percentile(times, 99),
		// A hit must not reach the LLM or Spotify at all.
		upstreamCalls: ollama.totals.chatCalls + spotify.requests.length,
		slowRuns: times.filter((ms) => ms > CACHE_SLOW_MS).length,
		globalLimitWaits: (await env.bot.call('rateLimitWaits', {})).global - waitsBefore.global,
	};
}
