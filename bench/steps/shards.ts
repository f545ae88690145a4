import type { BotConfig } from '../../src/config.js';
import { startRedis } from '../../standins/redis.js';
import type { OllamaStandin } from '../../standins/ollama.js';
import type { BenchEnvironment } from '../environment.js';
import { llmWaitMs } from '../floor.js';
import { nextUserId, sendPlaylist, timePlaylist } from '../playlistRequest.js';
import { SHARD_GUILDS, singleProcess, startSecondOllama, twoShards, type Side } from '../shardSides.js';
import { LATENCY, LOAD_OLLAMA_LATENCY, PLAYLIST_LENGTH } from '../settings.js';
import { sum } from '../stats.js';
import { summarizeTimings } from './load.js';

// The same load against one bot process over SQLite and against two shard processes over one Redis: users spread
// over two guilds, one per shard, with the same stand-ins, latencies and Ollama capacity on both sides.

export interface ShardSideRun {
	processes: number;
	lastMs: number;
	/** Σ LLM answer times ÷ (hosts × OLLAMA_CONCURRENCY): the last playlist cannot come sooner. */
	llmBoundMs: number;
	deferP50Ms: number;
	deferP95Ms: number;
	finalP50Ms: number;
	finalP95Ms: number;
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

const SIDE_TIMEOUT_MS = 60_000;

const guildOf = (index: number) => SHARD_GUILDS[index % SHARD_GUILDS.length] as string;

async function rssSum(side: Side): Promise<number> {
	const memory = await Promise.all(side.processes.map((bot) => bot.call('memory', {})));
	return sum(memory.map((usage) => usage.rssMb));
}

/** One playlist per guild at once, so every process has loaded its code and fetched its Spotify app token. */
async function warmUp(side: Side, prompts: readonly string[]): Promise<void> {
	const handles = SHARD_GUILDS.map((guildId, index) =>
		sendPlaylist(side.discord, {
			prompt: prompts[index] ?? '',
			length: PLAYLIST_LENGTH,
			userId: nextUserId(),
			guildId,
		}),
	);
	await Promise.all(handles.map((handle) => timePlaylist(handle, SIDE_TIMEOUT_MS)));
}

async function runSide(
	start: () => Promise<Side>,
	ollamas: readonly OllamaStandin[],
	prompts: { warmUp: readonly string[]; load: readonly string[] },
	slots: number,
): Promise<ShardSideRun> {
	const side = await start();
	try {
		const bootRssMb = await rssSum(side);
		await warmUp(side, prompts.warmUp);
		for (const ollama of ollamas) ollama.resetStats();
		const handles = prompts.load.map((prompt, index) =>
			sendPlaylist(side.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId(), guildId: guildOf(index) }),
		);
		const timings = await Promise.all(handles.map((handle) => timePlaylist(handle, SIDE_TIMEOUT_MS)));
		const chatCalls = sum(ollamas.map((ollama) => ollama.totals.chatCalls));
		const answers = ollamas.flatMap((ollama) => ollama.answers);
		return {
			processes: side.processes.length,
			...summarizeTimings(timings),
			llmBoundMs: sum(answers.map((answer) => llmWaitMs(answer, LOAD_OLLAMA_LATENCY))) / slots,
			llmMaxInFlight: ollamas.map((ollama) => ollama.maxInFlight),
			llmCallsPerPlaylist: chatCalls / prompts.load.length,
			bootRssMb,
			rssMb: await rssSum(side),
		};
	} finally {
		await side.close();
	}
}

/** Both sides get the same prompts: each has a fresh store, so neither finds the other's playlists cached. */
export async function measureShards(
	env: BenchEnvironment,
	prompts: { warmUp: readonly string[]; load: readonly string[] },
): Promise<ShardComparison> {
	const second = await startSecondOllama(env.upstreams);
	const ollamas = [env.upstreams.ollama, second];
	const base: BotConfig = { ...env.config, ollama: { ...env.config.ollama, hosts: ollamas.map((o) => o.url) } };
	for (const ollama of ollamas) ollama.setLatency(LOAD_OLLAMA_LATENCY);
	const slots = ollamas.length * base.ollama.concurrency;
	const redis = await startRedis();
	try {
		const single = await runSide(() => singleProcess(env.botEntry, base), ollamas, prompts, slots);
		const sharded = await runSide(() => twoShards(env.botEntry, base, redis.url), ollamas, prompts, slots);
		return { single, sharded, ollamaHosts: ollamas.length };
	} finally {
		env.upstreams.ollama.setLatency(LATENCY.ollama);
		await Promise.all([second.close(), redis.stop()]);
	}
}
