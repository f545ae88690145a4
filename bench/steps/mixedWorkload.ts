import type { ChatAnswer, ChatRequestBody, OllamaStandin } from '../../standins/ollama.js';
import { tokens } from '../../standins/ollama/text.js';
import type { RecordedRequest as SpotifyRequest } from '../../standins/spotify.js';
import type { LogCounts } from '../botProcessClient.js';
import { singleProcess, type BenchEnvironment, type Side } from '../environment.js';
import { mixedPrompts } from '../mixedPrompts.js';
import { nextUserId, sendPlaylist, timePlaylist } from '../playlistTiming.js';
import { LATENCY, LOAD_OLLAMA_LATENCY, PLAYLIST_LENGTH, SEED } from '../settings.js';

// What cache-miss playlists cost upstream when a server's members ask for them one after another: distinct prompts
// over overlapping genres and moods, on a fresh store, so the shared Spotify caches start empty and fill as they
// would. Each playlist's Spotify requests and LLM answers are read from the stand-ins' records; where the pipeline's
// searches and checks were answered comes from the bot's own debug log lines, counted in its process.

/** One playlist's cost, from the stand-ins' records. */
export interface MixedPlaylist {
	spotifyRequests: number;
	seedSearches: number;
	checkSearches: number;
	/** Suggestions in the refine answer: the checks the pipeline made. */
	suggestions: number;
	/** Suggestions the stand-in made up: no catalog has them, so the check drops them as not found. */
	madeUp: number;
	/** "N suggestions dropped" in the final reply's footer: not found, and repeats of a track already listed. */
	footerDropped: number;
	llmCalls: number;
	refine: { promptTokens: number; outputTokens: number };
	all: { promptTokens: number; outputTokens: number };
	/** Refine answers Ollama stopped at num_predict (done_reason 'length'). */
	cutAnswers: number;
}

export interface MixedWorkload {
	playlists: MixedPlaylist[];
	/** The bot's log lines over the workload: search pages by where they came from, suggestions found on a page. */
	logs: LogCounts;
}

// The checks' query shape (verifySuggestion): every other search is a seed search.
const CHECK_QUERY = /^track:/;
const DROPPED = /(\d+) suggestions? dropped/;
const MIXED_TIMEOUT_MS = 30_000;

const isRefine = (body: ChatRequestBody | undefined) =>
	typeof body?.format === 'object' && 'suggestions' in ((body.format.properties as object | undefined) ?? {});

const promptTokens = (body: ChatRequestBody | undefined) =>
	tokens((body?.messages ?? []).reduce((sum, message) => sum + message.content.length, 0));

function footerDropped(finalBody: unknown): number {
	const embeds = (finalBody as { embeds?: { footer?: { text?: unknown } }[] } | undefined)?.embeds ?? [];
	const text = embeds.at(-1)?.footer?.text;
	return Number(DROPPED.exec(typeof text === 'string' ? text : '')?.[1] ?? 0);
}

/** The LLM's side of one playlist: its answers, split into the refine answer(s) and all. */
function llmCost(ollama: OllamaStandin) {
	const calls = ollama.answers.map((answer: ChatAnswer, index) => ({ answer, body: ollama.chatRequests[index] }));
	const refines = calls.filter((call) => isRefine(call.body));
	const sum = (list: typeof calls, value: (call: (typeof calls)[number]) => number) =>
		list.reduce((total, call) => total + value(call), 0);
	const output = (call: (typeof calls)[number]) => tokens(call.answer.content.length);
	const prompt = (call: (typeof calls)[number]) => promptTokens(call.body);
	return {
		llmCalls: calls.length,
		suggestions: sum(refines, (call) => call.answer.tracks.length),
		madeUp: sum(refines, (call) => call.answer.tracks.filter((track) => track.source === 'made-up').length),
		refine: { promptTokens: sum(refines, prompt), outputTokens: sum(refines, output) },
		all: { promptTokens: sum(calls, prompt), outputTokens: sum(calls, output) },
		cutAnswers: refines.filter((call) => call.answer.doneReason === 'length').length,
	};
}

function spotifyCost(requests: readonly SpotifyRequest[]) {
	const searches = requests.filter((request) => request.path.startsWith('/v1/search'));
	const checkSearches = searches.filter((request) => CHECK_QUERY.test(request.query.q ?? '')).length;
	return { spotifyRequests: requests.length, seedSearches: searches.length - checkSearches, checkSearches };
}

async function runOne(env: BenchEnvironment, side: Side, prompt: string): Promise<MixedPlaylist> {
	const { ollama, spotify } = env.upstreams;
	ollama.resetStats();
	spotify.resetRecords();
	const handle = sendPlaylist(side.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId() });
	const { finalBody } = await timePlaylist(handle, MIXED_TIMEOUT_MS);
	return { ...spotifyCost(spotify.requests), ...llmCost(ollama), footerDropped: footerDropped(finalBody) };
}

/** `count` mixed prompts, one after another, against a new bot process over a new SQLite file. */
export async function measureMixedWorkload(env: BenchEnvironment, count: number): Promise<MixedWorkload> {
	const prompts = mixedPrompts(env.upstreams.catalog.genres, count, SEED);
	env.upstreams.ollama.setLatency(LOAD_OLLAMA_LATENCY);
	const side = await singleProcess(env.botEntry, env.config, true);
	try {
		const playlists: MixedPlaylist[] = [];
		for (const prompt of prompts) playlists.push(await runOne(env, side, prompt));
		const [bot] = side.processes;
		return { playlists, logs: bot ? await bot.call('logCounts', {}) : {} };
	} finally {
		env.upstreams.ollama.setLatency(LATENCY.ollama);
		await side.close();
	}
}
