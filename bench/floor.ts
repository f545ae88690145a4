import type { ChatAnswer, RecordedRequest as OllamaRequest } from '../standins/ollama.js';
import { tokens } from '../standins/ollama/text.js';
import type { RecordedRequest as SpotifyRequest } from '../standins/spotify.js';
import type { PlaylistTiming } from './playlistRequest.js';

// The waits no design can avoid, computed from the stand-ins' configured latencies and the answers they actually
// gave (never from the bot's own timings), and where the rest of a playlist's time went.

export interface LlmLatency {
	firstTokenMs: number;
	perTokenMs: number;
}

export interface SpotifyLatency {
	latencyMs: number;
	jitterMs: number;
}

export interface Floor {
	extractMs: number;
	refineMs: number;
	roundMs: number;
	totalMs: number;
}

/** As the stand-in paces it: a whole answer after first + n × per token; a stream's last token at first + (n − 1) × per. */
export function llmWaitMs(answer: ChatAnswer, latency: LlmLatency): number {
	const count = tokens(answer.content.length);
	return latency.firstTokenMs + (answer.stream ? Math.max(0, count - 1) : count) * latency.perTokenMs;
}

/** One search round: the mean of the stand-in's latency + uniform 0..jitter. */
export function spotifyRoundMs(latency: SpotifyLatency): number {
	return latency.latencyMs + latency.jitterMs / 2;
}

/** Extract call + one search round + refine call + one verification round. */
export function playlistFloor(
	answers: readonly ChatAnswer[],
	latency: { ollama: LlmLatency; spotify: SpotifyLatency },
) {
	const [extract, refine] = answers;
	if (answers.length !== 2 || !extract || !refine) throw new Error(`expected 2 LLM answers, got ${answers.length}`);
	const extractMs = llmWaitMs(extract, latency.ollama);
	const refineMs = llmWaitMs(refine, latency.ollama);
	const roundMs = spotifyRoundMs(latency.spotify);
	return { extractMs, refineMs, roundMs, totalMs: extractMs + roundMs + refineMs + roundMs } satisfies Floor;
}

/** Time the bot spent beyond the floor, by stage, read off the stand-ins' request records. */
export interface Overheads {
	beforeExtractMs: number;
	afterExtractMs: number;
	seedMs: number;
	seedRounds: number;
	afterRefineMs: number;
}

const SEARCH_PATH = /^\/v1\/search\/?$/;

/** Searches sent together form a round; the next round starts at least a Spotify latency later. */
function countRounds(times: number[], gapMs: number): number {
	return times.filter((time, index) => index === 0 || time - (times[index - 1] as number) > gapMs).length;
}

export function attributeOverheads(input: {
	timing: PlaylistTiming;
	floor: Floor;
	ollamaRequests: readonly OllamaRequest[];
	spotifyRequests: readonly SpotifyRequest[];
	spotifyLatency: SpotifyLatency;
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
		seedRounds: countRounds(searches, input.spotifyLatency.latencyMs / 2),
		afterRefineMs: timing.finalAt - refineAt - floor.refineMs - floor.roundMs,
	};
}
