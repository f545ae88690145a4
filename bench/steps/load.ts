import type { BotConfig } from '../../src/config.js';
import type { DiscordStandin } from '../../standins/discord.js';
import { SHARD_GUILDS } from '../../standins/guilds.js';
import type { OllamaStandin } from '../../standins/ollama.js';
import { startRedis } from '../../standins/redis.js';
import { singleProcess, startSecondOllama, twoShards, type BenchEnvironment, type Side } from '../environment.js';
import { nextUserId, sendPlaylist, sum, summarizeTimings, timePlaylist } from '../playlistTiming.js';
import { BOT_DEFAULTS, LATENCY, LOAD_OLLAMA_LATENCY, PLAYLIST_LENGTH, llmWaitMs } from '../settings.js';

// Many users at once, each with their own prompt: every request is dispatched before the first is answered. First
// against the bench's bot; then, in the shards step, against one bot process over SQLite and two shard processes
// over one Redis, with users spread over two guilds (one per shard) and the same Ollama capacity on both sides.

type Timings = ReturnType<typeof summarizeTimings>;

export interface LoadRun extends Timings {
	/** Σ LLM answer times ÷ LLM slots: the last playlist cannot come sooner. */
	llmBoundMs: number;
	llmMaxInFlight: number;
	spotifyPerPlaylist: number;
	llmCallsPerPlaylist: number;
	/** How often discord.js held a request back for its own global limit during the run. */
	globalLimitWaits: number;
	rssMb: number;
	heapUsedMb: number;
}

export interface ShardSideRun extends Timings {
	processes: number;
	/** Σ LLM answer times ÷ (hosts × OLLAMA_CONCURRENCY): the last playlist cannot come sooner. */
	llmBoundMs: number;
	/** Per Ollama host, in OLLAMA_HOST order. */
	llmMaxInFlight: number[];
	llmCallsPerPlaylist: number;
	/** Summed over the side's bot processes. */
	bootRssMb: number;
	rssMb: number;
}

export interface ShardComparison {
	single: ShardSideRun;
	sharded: ShardSideRun;
	ollamaHosts: number;
}

const LOAD_TIMEOUT_MS = 150_000;
const SIDE_TIMEOUT_MS = 60_000;

const guildOf = (index: number) => SHARD_GUILDS[index % SHARD_GUILDS.length] as string;

/** Every prompt from a new user, all sent before any is answered; `spread` alternates them over the shard guilds. */
function sendTogether(discord: DiscordStandin, prompts: readonly string[], timeoutMs: number, spread = false) {
	const handles = prompts.map((prompt, index) => {
		const guildId = spread ? guildOf(index) : undefined;
		return sendPlaylist(discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId(), guildId });
	});
	return Promise.all(handles.map((handle) => timePlaylist(handle, timeoutMs)));
}

/** Σ LLM answer times at the load latency ÷ the LLM slots there were. */
function llmBoundMs(ollamas: readonly OllamaStandin[], slots: number): number {
	const answers = ollamas.flatMap((ollama) => ollama.answers);
	return sum(answers.map((answer) => llmWaitMs(answer, LOAD_OLLAMA_LATENCY))) / slots;
}

export async function measureLoad(env: BenchEnvironment, prompts: readonly string[]): Promise<LoadRun> {
	const { ollama, spotify } = env.upstreams;
	ollama.setLatency(LOAD_OLLAMA_LATENCY);
	ollama.resetStats();
	spotify.resetRecords();
	try {
		const waitsBefore = await env.bot.call('rateLimitWaits', {});
		const timings = await sendTogether(env.discord, prompts, LOAD_TIMEOUT_MS);
		const memory = await env.bot.call('memory', {});
		const waitsAfter = await env.bot.call('rateLimitWaits', {});
		return {
			...summarizeTimings(timings),
			llmBoundMs: llmBoundMs([ollama], BOT_DEFAULTS.ollamaConcurrency),
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

async function rssSum(side: Side): Promise<number> {
	const memory = await Promise.all(side.processes.map((bot) => bot.call('memory', {})));
	return sum(memory.map((usage) => usage.rssMb));
}

interface SidePrompts {
	/** One per shard guild, so every process has loaded its code and fetched its Spotify app token. */
	warmUp: readonly string[];
	load: readonly string[];
}

async function runSide(start: () => Promise<Side>, ollamas: readonly OllamaStandin[], prompts: SidePrompts) {
	const side = await start();
	try {
		const bootRssMb = await rssSum(side);
		await sendTogether(side.discord, prompts.warmUp.slice(0, SHARD_GUILDS.length), SIDE_TIMEOUT_MS, true);
		for (const ollama of ollamas) ollama.resetStats();
		const timings = await sendTogether(side.discord, prompts.load, SIDE_TIMEOUT_MS, true);
		const chatCalls = sum(ollamas.map((ollama) => ollama.totals.chatCalls));
		return {
			processes: side.processes.length,
			...summarizeTimings(timings),
			llmBoundMs: llmBoundMs(ollamas, ollamas.length * BOT_DEFAULTS.ollamaConcurrency),
			llmMaxInFlight: ollamas.map((ollama) => ollama.maxInFlight),
			llmCallsPerPlaylist: chatCalls / prompts.load.length,
			bootRssMb,
			rssMb: await rssSum(side),
		} satisfies ShardSideRun;
	} finally {
		await side.close();
	}
}

/** Both sides get the same prompts: each has a fresh store, so neither finds the other's playlists cached. */
export async function measureShards(env: BenchEnvironment, prompts: SidePrompts): Promise<ShardComparison> {
	// First, so a machine without redis-server stops here with its reason and nothing else left running.
	const redis = await startRedis();
	const second = await startSecondOllama(env.upstreams);
	const ollamas = [env.upstreams.ollama, second];
	const base: BotConfig = { ...env.config, ollama: { ...env.config.ollama, hosts: ollamas.map((o) => o.url) } };
	for (const ollama of ollamas) ollama.setLatency(LOAD_OLLAMA_LATENCY);
	try {
		const single = await runSide(() => singleProcess(env.botEntry, base), ollamas, prompts);
		const sharded = await runSide(() => twoShards(env.botEntry, base, redis.url), ollamas, prompts);
		return { single, sharded, ollamaHosts: ollamas.length };
	} finally {
		env.upstreams.ollama.setLatency(LATENCY.ollama);
		await Promise.all([second.close(), redis.stop()]);
	}
}
