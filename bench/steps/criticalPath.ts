import type { ChatAnswer, RecordedRequest as OllamaRequest } from '../../standins/ollama.js';
import type { RecordedRequest as SpotifyRequest } from '../../standins/spotify.js';
import type { BenchEnvironment } from '../environment.js';
import { nextUserId, sendPlaylist, timePlaylist, type PlaylistTiming } from '../playlistTiming.js';
import {
	LATENCY,
	PLAYLIST_LENGTH,
	llmWaitMs,
	spotifyRoundMs,
	type LlmLatency,
	type SpotifyLatency,
} from '../settings.js';

// Cache-miss playlists, one at a time: the bot (Discord in, first tracks and final reply out) and right after it the
// naive reference on the same prompt, so both see the same machine noise. Each run's floor, the waits no design can avoid, comes
// from the stand-ins' latencies and the answers they gave (never from the bot's own timings); the stand-ins'
// request records show where the rest of the time went.

/** Extract call + one search round + refine call + one verification round. */
export interface Floor {
	extractMs: number;
	refineMs: number;
	roundMs: number;
	totalMs: number;
}

/** Time the bot spent beyond the floor, by stage. */
export interface Overheads {
	beforeExtractMs: number;
	afterExtractMs: number;
	seedMs: number;
	seedRounds: number;
	afterRefineMs: number;
}

export interface CriticalRun {
	botMs: number;
	/** Interaction → the first edit listing tracks (the seeds, shown while the LLM's picks are still coming). */
	firstTracksMs: number;
	floor: Floor;
	overheads: Overheads;
	naiveMs: number;
	naiveFloorMs: number;
	naiveSpotifyRequests: number;
}

const PLAYLIST_TIMEOUT_MS = 30_000;
const SEARCH_PATH = /^\/v1\/search\/?$/;

function playlistFloor(answers: readonly ChatAnswer[], latency: { ollama: LlmLatency; spotify: SpotifyLatency }) {
	const [extract, refine] = answers;
	if (answers.length !== 2 || !extract || !refine) throw new Error(`expected 2 LLM answers, got ${answers.length}`);
	const extractMs = llmWaitMs(extract, latency.ollama);
	const refineMs = llmWaitMs(refine, latency.ollama);
	const roundMs = spotifyRoundMs(latency.spotify);
	return { extractMs, refineMs, roundMs, totalMs: extractMs + roundMs + refineMs + roundMs } satisfies Floor;
}

/** Searches sent together form a round; the next round starts at least a Spotify latency later. */
function countRounds(times: number[], gapMs: number): number {
	return times.filter((time, index) => index === 0 || time - (times[index - 1] as number) > gapMs).length;
}

function attributeOverheads(input: {
	timing: PlaylistTiming;
	floor: Floor;
	ollamaRequests: readonly OllamaRequest[];
	spotifyRequests: readonly SpotifyRequest[];
}): Overheads {
	const { timing, floor } = input;
	const [extractAt, refineAt] = input.ollamaRequests.filter((r) => r.path === '/api/chat').map((r) => r.at);
	if (extractAt === undefined || refineAt === undefined) throw new Error('expected 2 LLM requests');
	// The Spotify stand-in stamps with Date.now(); move it onto performance.now()'s clock.
	const searches = input.spotifyRequests
		.filter((r) => SEARCH_PATH.test(r.path))
		.map((r) => r.at - performance.timeOrigin)
		.filter((at) => at > extractAt && at < refineAt)
		.sort((a, b) => a - b);
	const firstSearchAt = searches[0] ?? refineAt;
	return {
		beforeExtractMs: extractAt - timing.sentAt,
		afterExtractMs: firstSearchAt - extractAt - floor.extractMs,
		seedMs: refineAt - firstSearchAt - floor.roundMs,
		seedRounds: countRounds(searches, LATENCY.spotify.latencyMs / 2),
		afterRefineMs: timing.finalAt - refineAt - floor.refineMs - floor.roundMs,
	};
}

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
	const records = { ollamaRequests: ollama.requests, spotifyRequests: spotify.requests };
	const overheads = attributeOverheads({ timing, floor, ...records });
	return { botMs: timing.finalMs, firstTracksMs: timing.firstTracksMs, floor, overheads };
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
