import type { MemoryUsage } from './botProcessClient.js';
import { median } from './playlistTiming.js';
import { costRows } from './reportCosts.js';
import {
	DEFER_TARGET,
	detail,
	details,
	formatSpread,
	formatValue,
	headline,
	of,
	type Row,
	type Unit,
} from './reportFormat.js';
import { shardRows, startupRows } from './reportScaling.js';
import {
	BOT_DEFAULTS,
	CACHE_RUNS_PER_BATCH,
	CACHE_SLOW_MS,
	CPU_OLLAMA_LATENCY,
	DISCORD_DEFER_LIMIT_MS,
	FIRST_TRACKS_MIN,
	LOAD_USERS,
	TARGETS,
} from './settings.js';
import type { CacheBatch } from './steps/cacheHit.js';
import type { CpuRun } from './steps/cpuLatency.js';
import type { CriticalRun } from './steps/criticalPath.js';
import type { LoadRun, ShardComparison } from './steps/load.js';
import type { MixedWorkload } from './steps/mixedWorkload.js';
import type { StartupRun } from './steps/startup.js';

// The rows of results.md's figures table: one block per figure, its target beside it when it has one. Timings here;
// costs and memory in reportCosts.ts, shards and start-up in reportScaling.ts.

/** Everything one `npm run bench` measured. */
export interface BenchResults {
	critical: CriticalRun[];
	cpu: CpuRun[];
	cache: CacheBatch[];
	load: LoadRun[];
	mixed: MixedWorkload;
	shards: ShardComparison;
	startup: StartupRun;
	warmUpMs: number;
	bootMemory: MemoryUsage;
	runtimeMs: number;
	machine: string;
}

const runs = (items: readonly unknown[]) => ` · ${items.length} runs`;

function criticalRows({ critical }: BenchResults): Row[] {
	const ratios = critical.map((run) => run.botMs / run.floor.totalMs);
	const { criticalPathRatio } = TARGETS;
	const llmShare = (run: CriticalRun) => ((run.floor.extractMs + run.floor.refineMs) / run.floor.totalMs) * 100;
	return [
		headline(
			1,
			'Critical-path ratio: interaction → final reply ÷ unavoidable waits (cache miss, progressive edits on)',
			formatSpread(ratios, 'ratio') + runs(critical),
			`≤ ${criticalPathRatio.toFixed(2)}`,
			median(ratios) <= criticalPathRatio,
		),
		...details(critical, [
			['interaction → final reply', 'ms', (run) => run.botMs],
			['unavoidable: extract + 1 search round + refine + 1 check round', 'ms', (run) => run.floor.totalMs],
			['LLM share of the unavoidable waits', '%', llmShare],
			['Spotify search rounds before the refine request', 'count', (run) => run.overheads.seedRounds],
		]),
	];
}

const CPU_LLM = `first token ${CPU_OLLAMA_LATENCY.firstTokenMs / 1000} s, ${CPU_OLLAMA_LATENCY.perTokenMs} ms per token`;

function firstTracksRows({ critical, cpu }: BenchResults): Row[] {
	const ratio = (run: { firstTracksMs: number; finalMs: number }) => run.firstTracksMs / run.finalMs;
	const ratios = critical.map((run) => ratio({ firstTracksMs: run.firstTracksMs, finalMs: run.botMs }));
	const cpuRatios = cpu.map(ratio);
	const bench = median(ratios);
	return [
		headline(
			2,
			`Time to first tracks ÷ final reply (cache miss; first edit listing ≥ ${FIRST_TRACKS_MIN} tracks)`,
			formatSpread(ratios, 'ratio') + runs(critical),
			`≤ ${TARGETS.firstTracksRatio.toFixed(2)}`,
			bench <= TARGETS.firstTracksRatio,
		),
		detail(
			'interaction → first tracks on screen',
			of(critical, 'ms', (run) => run.firstTracksMs),
		),
		detail(
			`same at a CPU-like LLM (${CPU_LLM})`,
			formatSpread(cpuRatios, 'ratio') + runs(cpu),
			`< ${formatValue(bench, 'ratio')} (above)`,
			median(cpuRatios) < bench,
		),
		detail(
			'… there: interaction → first tracks / final reply',
			`${of(cpu, 's', (run) => run.firstTracksMs)} / ${of(cpu, 's', (run) => run.finalMs)}`,
		),
		detail(
			'… there: final replies without the LLM’s picks (its timeout)',
			String(cpu.filter((run) => run.degraded).length),
		),
	];
}

function naiveRows({ critical }: BenchResults): Row[] {
	const againstFirst = critical.map((run) => run.naiveMs / run.firstTracksMs);
	const target = TARGETS.firstTracksVsNaive;
	return [
		headline(
			3,
			"Against the seed's design: naive prompt → playlist ÷ the bot's time to first tracks (same prompts, paired)",
			formatSpread(againstFirst, 'x') + runs(critical),
			`≥ ${target}×`,
			median(againstFirst) >= target,
		),
		...details(critical, [
			['naive pipeline, prompt → playlist (it shows nothing before)', 'ms', (run) => run.naiveMs],
			[
				'reference: naive ÷ the bot’s final reply (both wait on the same LLM calls)',
				'x',
				(run) => run.naiveMs / run.botMs,
			],
			['naive ÷ its unavoidable waits', 'ratio', (run) => run.naiveMs / run.naiveFloorMs],
			['naive Spotify requests, one at a time', 'count', (run) => run.naiveSpotifyRequests],
			[
				'final reply of a bot exactly at its unavoidable waits: naive ÷ it',
				'x',
				(run) => run.naiveMs / run.floor.totalMs,
			],
		]),
	];
}

function cacheRows({ cache }: BenchResults): Row[] {
	const medians = cache.map((batch) => batch.medianMs);
	const upstreamCalls = cache.reduce((total, batch) => total + batch.upstreamCalls, 0);
	return [
		headline(
			4,
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
		headline(5, `Load: ${LOAD_USERS} users at once, last final reply`, `${field('s', 'lastMs')} · ${load.length} runs`),
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

export function figureRows(results: BenchResults): Row[] {
	const blocks = [criticalRows, firstTracksRows, naiveRows, cacheRows, loadRows, costRows, shardRows, startupRows];
	return blocks.flatMap((rows) => rows(results));
}
