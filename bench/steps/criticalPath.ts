import type { BenchEnvironment } from '../environment.js';
import { attributeOverheads, playlistFloor, type Floor, type Overheads } from '../floor.js';
import { nextUserId, sendPlaylist, timePlaylist } from '../playlistRequest.js';
import { LATENCY, PLAYLIST_LENGTH } from '../settings.js';

// Cache-miss playlists, one at a time: the bot (Discord in, final reply out) and right after it the naive reference
// on the same prompt, so both see the same machine noise.

export interface PlaylistCost {
	spotifyRequests: number;
	llmCalls: number;
	promptTokens: number;
	outputTokens: number;
}

export interface CriticalRun {
	botMs: number;
	floor: Floor;
	overheads: Overheads;
	cost: PlaylistCost;
	naiveMs: number;
	naiveFloorMs: number;
	naiveSpotifyRequests: number;
}

const PLAYLIST_TIMEOUT_MS = 30_000;

function resetRecords(env: BenchEnvironment): void {
	env.upstreams.ollama.resetStats();
	env.upstreams.spotify.resetRecords();
}

async function runBot(env: BenchEnvironment, prompt: string) {
	const { ollama, spotify } = env.upstreams;
	resetRecords(env);
	const handle = sendPlaylist(env.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId() });
	const timing = await timePlaylist(handle, PLAYLIST_TIMEOUT_MS);
	const floor = playlistFloor(ollama.answers, LATENCY);
	const overheads = attributeOverheads({
		timing,
		floor,
		ollamaRequests: ollama.requests,
		spotifyRequests: spotify.requests,
		spotifyLatency: LATENCY.spotify,
	});
	const { chatCalls, promptTokens, outputTokens } = ollama.totals;
	const cost = { spotifyRequests: spotify.requests.length, llmCalls: chatCalls, promptTokens, outputTokens };
	return { botMs: timing.finalMs, floor, overheads, cost };
}

async function runNaive(env: BenchEnvironment, prompt: string) {
	resetRecords(env);
	const outcome = await env.bot.call('naive', { prompt, length: PLAYLIST_LENGTH });
	if (outcome.degraded) throw new Error(`the naive reference ran without the LLM (${outcome.degraded})`);
	return {
		naiveMs: outcome.ms,
		naiveFloorMs: playlistFloor(env.upstreams.ollama.answers, LATENCY).totalMs,
		naiveSpotifyRequests: env.upstreams.spotify.requests.length,
	};
}

export async function measureCriticalPath(env: BenchEnvironment, prompts: readonly string[]): Promise<CriticalRun[]> {
	const runs: CriticalRun[] = [];
	for (const prompt of prompts) runs.push({ ...(await runBot(env, prompt)), ...(await runNaive(env, prompt)) });
	return runs;
}

/** The first playlist after boot loads code paths and fetches the app token; not a steady-state figure. */
export async function warmUp(env: BenchEnvironment, prompt: string): Promise<number> {
	const handle = sendPlaylist(env.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId() });
	return (await timePlaylist(handle, PLAYLIST_TIMEOUT_MS)).finalMs;
}
