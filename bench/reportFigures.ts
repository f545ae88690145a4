import type { MemoryUsage } from './botProcessClient.js';
import { median } from './playlistTiming.js';
import {
	detail,
	details,
	formatDelta,
	formatSpread,
	formatValue,
	headline,
	of,
	type Row,
	type Unit,
} from './reportFormat.js';
import {
	BOT_DEFAULTS,
	CACHE_RUNS_PER_BATCH,
	CACHE_SLOW_MS,
	DISCORD_DEFER_LIMIT_MS,
	LOAD_USERS,
	SHARD_USERS,
	TARGETS,
} from './settings.js';
import type { CacheBatch } from './steps/cacheHit.js';
import type { CriticalRun } from './steps/criticalPath.js';
import type { LoadRun, ShardComparison, ShardSideRun } from './steps/load.js';
import { CHANGED_SOURCE, type StartupRun } from './steps/startup.js';

// The rows of results.md's figures table: one block per figure, its target beside it when it has one.

/** Everything one `npm run bench` measured. */
export interface BenchResults {
	critical: CriticalRun[];
	cache: CacheBatch[];
	load: LoadRun[];
	shards: ShardComparison;
	startup: StartupRun;
	warmUpMs: number;
	bootMemory: MemoryUsage;
	runtimeMs: number;
	machine: string;
}

const DEFER_TARGET = `< ${DISCORD_DEFER_LIMIT_MS} ms (Discord)`;

function criticalRows({ critical }: BenchResults): Row[] {
	const ratios = critical.map((run) => run.botMs / run.floor.totalMs);
	const speedUps = critical.map((run) => run.naiveMs / run.botMs);
	const runs = ` · ${critical.length} runs`;
	const { criticalPathRatio, speedUp } = TARGETS;
	const llmShare = (run: CriticalRun) => ((run.floor.extractMs + run.floor.refineMs) / run.floor.totalMs) * 100;
	return [
		headline(
			1,
			'Critical-path ratio: interaction → final reply ÷ unavoidable waits (cache miss)',
			formatSpread(ratios, 'ratio') + runs,
			`≤ ${criticalPathRatio.toFixed(2)}`,
			median(ratios) <= criticalPathRatio,
		),
		...details(critical, [
			['interaction → final reply', 'ms', (run) => run.botMs],
			['unavoidable: extract + 1 search round + refine + 1 check round', 'ms', (run) => run.floor.totalMs],
			['LLM share of the unavoidable waits', '%', llmShare],
			['Spotify search rounds before the refine request', 'count', (run) => run.overheads.seedRounds],
		]),
		headline(
			2,
			'Speed-up over the naive pipeline (naive ÷ bot, same prompts, paired)',
			formatSpread(speedUps, 'x') + runs,
			`≥ ${speedUp.toFixed(1)}×`,
			median(speedUps) >= speedUp,
		),
		...details(critical, [
			['naive pipeline, prompt → playlist', 'ms', (run) => run.naiveMs],
			['naive ÷ its unavoidable waits', 'ratio', (run) => run.naiveMs / run.naiveFloorMs],
			['naive Spotify requests, one at a time', 'count', (run) => run.naiveSpotifyRequests],
			['speed-up of a bot exactly at its unavoidable waits', 'x', (run) => run.naiveMs / run.floor.totalMs],
		]),
	];
}

function cacheRows({ cache }: BenchResults): Row[] {
	const medians = cache.map((batch) => batch.medianMs);
	const upstreamCalls = cache.reduce((total, batch) => total + batch.upstreamCalls, 0);
	return [
		headline(
			3,
			`Cache hit: interaction → final reply, median of ${CACHE_RUNS_PER_BATCH} back-to-back`,
			`${formatSpread(medians, 'ms')} · ${cache.length} × ${CACHE_RUNS_PER_BATCH} runs`,
			`≤ ${TARGETS.cacheHitMedianMs} ms`,
			median(medians) <= TARGETS.cacheHitMedianMs,
		),
		...details(cache, [
			[`p99 of ${CACHE_RUNS_PER_BATCH}`, 'ms', (batch) => batch.p99Ms],
			[`hits over ${CACHE_SLOW_MS} ms, per batch`, 'count', (batch) => batch.slowRuns],
			['discord.js waits on its global rate limit, per batch', 'count', (batch) => batch.globalLimitWaits],
		]),
		detail('upstream calls (LLM + Spotify), all hits together', formatValue(upstreamCalls, 'count')),
	];
}

function loadRows({ load }: BenchResults): Row[] {
	const field = (unit: Unit, key: keyof LoadRun) => of(load, unit, (run) => run[key]);
	const maxInFlight = Math.max(...load.map((run) => run.llmMaxInFlight));
	const deferred = Math.max(...load.map((run) => run.deferP95Ms)) < DISCORD_DEFER_LIMIT_MS;
	const slots = BOT_DEFAULTS.ollamaConcurrency;
	const perPlaylist = `${field('count', 'spotifyPerPlaylist')} / ${field('count', 'llmCallsPerPlaylist')}`;
	return [
		headline(4, `Load: ${LOAD_USERS} users at once, last final reply`, `${field('s', 'lastMs')} · ${load.length} runs`),
		...details(load, [
			['LLM-bound floor: Σ LLM answer time ÷ LLM slots', 's', (run) => run.llmBoundMs],
			['last final reply ÷ LLM-bound floor', 'ratio', (run) => run.lastMs / run.llmBoundMs],
		]),
		detail(
			'time to defer, p50 / p95',
			`${field('ms', 'deferP50Ms')} / ${field('ms', 'deferP95Ms')}`,
			DEFER_TARGET,
			deferred,
		),
		detail('time to final reply, p50 / p95', `${field('s', 'finalP50Ms')} / ${field('s', 'finalP95Ms')}`),
		detail('LLM requests in flight, max', String(maxInFlight), `≤ ${slots} (OLLAMA_CONCURRENCY)`, maxInFlight <= slots),
		detail('upstream calls per playlist: Spotify / LLM', perPlaylist),
		detail('discord.js waits on its global rate limit, per run', field('count', 'globalLimitWaits')),
	];
}

function costRows({ critical, load, bootMemory }: BenchResults): Row[] {
	const cost = (key: keyof CriticalRun['cost']) => of(critical, 'count', (run) => run.cost[key]);
	const rss = of(load, 'MB', (run) => run.rssMb);
	const met = median(load.map((run) => run.rssMb)) <= TARGETS.rssMb;
	return [
		headline(5, 'Cost per playlist (cache miss): Spotify requests', cost('spotifyRequests')),
		detail('LLM calls', cost('llmCalls')),
		detail('prompt + output tokens', `${cost('promptTokens')} + ${cost('outputTokens')}`),
		detail('bot process RSS after the load step', `**${rss}**`, `≤ ${TARGETS.rssMb} MB`, met),
		detail(
			'bot process JS heap used after the load step',
			of(load, 'MB', (run) => run.heapUsedMb),
		),
		detail('bot process RSS after boot, before any playlist', formatValue(bootMemory.rssMb, 'MB')),
	];
}

function shardRows({ shards }: BenchResults): Row[] {
	const { single, sharded, ollamaHosts } = shards;
	/** "a → b": the single process's figure, then the two shards'. */
	const pair = (show: (side: ShardSideRun) => string) => `${show(single)} → ${show(sharded)}`;
	const two = (unit: Unit, a: 'deferP50Ms' | 'finalP50Ms', b: 'deferP95Ms' | 'finalP95Ms') =>
		pair((side) => `${formatValue(side[a], unit)} / ${formatValue(side[b], unit)}`);
	const slots = BOT_DEFAULTS.ollamaConcurrency;
	const maxInFlight = Math.max(...single.llmMaxInFlight, ...sharded.llmMaxInFlight);
	const deferred = Math.max(single.deferP95Ms, sharded.deferP95Ms) < DISCORD_DEFER_LIMIT_MS;
	const ratio = formatValue(sharded.lastMs / single.lastMs, 'x');
	const rss = (side: ShardSideRun) => `${formatValue(side.rssMb, 'MB')} (${formatValue(side.bootRssMb, 'MB')} at boot)`;
	const figure = `Shards: ${SHARD_USERS} users at once over 2 guilds, last final reply: 1 process, SQLite → 2 shards, Redis`;
	return [
		headline(6, figure, `${pair((side) => formatValue(side.lastMs, 's'))} (${ratio}) · 1 run each`),
		detail(
			`LLM-bound floor: Σ LLM answer time ÷ (${ollamaHosts} hosts × ${slots} slots)`,
			pair((side) => formatValue(side.llmBoundMs, 's')),
		),
		detail(
			'last final reply ÷ LLM-bound floor',
			pair((side) => formatValue(side.lastMs / side.llmBoundMs, 'ratio')),
		),
		detail('last final reply, two shards − one process', formatDelta(sharded.lastMs - single.lastMs, 'ms')),
		detail('time to defer, p50 / p95', two('ms', 'deferP50Ms', 'deferP95Ms'), DEFER_TARGET, deferred),
		detail('time to final reply, p50 / p95', two('s', 'finalP50Ms', 'finalP95Ms')),
		detail(
			'LLM requests in flight, max per host',
			pair((side) => side.llmMaxInFlight.join(' / ')),
			`≤ ${slots} per host, across processes`,
			maxInFlight <= slots,
		),
		detail(`RSS summed over the bot's processes (${single.processes} → ${sharded.processes})`, `**${pair(rss)}**`),
		detail('RSS added by the second process', formatDelta(sharded.rssMb - single.rssMb, 'MB')),
	];
}

function startupRows({ startup }: BenchResults): Row[] {
	return [
		headline(
			7,
			'`npm start` → bot ready, nothing changed since the last build',
			`${formatValue(startup.unchangedMs, 's')} · 1 run each`,
		),
		detail(`after a change to ${CHANGED_SOURCE}`, formatValue(startup.changedMs, 's')),
	];
}

export function figureRows(results: BenchResults): Row[] {
	return [criticalRows, cacheRows, loadRows, costRows, shardRows, startupRows].flatMap((rows) => rows(results));
}
