import type { BenchResults } from './benchResults.js';
import { formatSpread, formatValue, type Unit } from './format.js';
import { detail, headline, type Row } from './reportRows.js';
import { shardRows } from './reportShards.js';
import { BOT_DEFAULTS, CACHE_RUNS_PER_BATCH, LOAD_USERS, TARGETS } from './settings.js';
import { median } from './playlistTiming.js';
import type { LoadRun } from './steps/load.js';

// The results table of results.md: one block of rows per figure of the benchmark issue, targets beside them.

function of<T>(items: readonly T[], unit: Unit, value: (item: T) => number): string {
	return formatSpread(items.map(value), unit);
}

function criticalRows({ critical }: BenchResults): Row[] {
	const list = (value: (run: (typeof critical)[number]) => number) => critical.map(value);
	const ratios = list((run) => run.botMs / run.floor.totalMs);
	const speedUps = list((run) => run.naiveMs / run.botMs);
	const runs = ` · ${critical.length} runs`;
	const { criticalPathRatio, speedUp } = TARGETS;
	return [
		headline(
			1,
			'Critical-path ratio: interaction → final reply ÷ unavoidable waits (cache miss)',
			formatSpread(ratios, 'ratio') + runs,
			`≤ ${criticalPathRatio.toFixed(2)}`,
			median(ratios) <= criticalPathRatio,
		),
		detail(
			'interaction → final reply',
			formatSpread(
				list((run) => run.botMs),
				'ms',
			),
		),
		detail(
			'unavoidable: extract + 1 search round + refine + 1 check round',
			formatSpread(
				list((run) => run.floor.totalMs),
				'ms',
			),
		),
		headline(
			2,
			'Speed-up over the naive pipeline (naive ÷ bot, same prompts, paired)',
			formatSpread(speedUps, 'x') + runs,
			`≥ ${speedUp.toFixed(1)}×`,
			median(speedUps) >= speedUp,
		),
		detail(
			'naive pipeline, prompt → playlist',
			formatSpread(
				list((run) => run.naiveMs),
				'ms',
			),
		),
		detail(
			'naive ÷ its unavoidable waits',
			formatSpread(
				list((run) => run.naiveMs / run.naiveFloorMs),
				'ratio',
			),
		),
	];
}

function cacheRows({ cache }: BenchResults): Row[] {
	const medians = cache.map((batch) => batch.medianMs);
	return [
		headline(
			3,
			`Cache hit: interaction → final reply, median of ${CACHE_RUNS_PER_BATCH} back-to-back`,
			`${formatSpread(medians, 'ms')} · ${cache.length} × ${CACHE_RUNS_PER_BATCH} runs`,
			`≤ ${TARGETS.cacheHitMedianMs} ms`,
			median(medians) <= TARGETS.cacheHitMedianMs,
		),
		detail(
			`p99 of ${CACHE_RUNS_PER_BATCH}`,
			formatSpread(
				cache.map((batch) => batch.p99Ms),
				'ms',
			),
		),
	];
}

function loadRows({ load }: BenchResults): Row[] {
	const field = (unit: Unit, key: keyof LoadRun) => of(load, unit, (run) => run[key]);
	const maxInFlight = Math.max(...load.map((run) => run.llmMaxInFlight));
	const deferP95 = Math.max(...load.map((run) => run.deferP95Ms));
	const slots = BOT_DEFAULTS.ollamaConcurrency;
	const lastReply = `${field('s', 'lastMs')} · ${load.length} runs`;
	return [
		headline(4, `Load: ${LOAD_USERS} users at once, last final reply`, lastReply),
		detail('LLM-bound floor: Σ LLM answer time ÷ LLM slots', field('s', 'llmBoundMs')),
		detail(
			'time to defer, p50 / p95',
			`${field('ms', 'deferP50Ms')} / ${field('ms', 'deferP95Ms')}`,
			'< 3000 ms (Discord)',
			deferP95 < 3000,
		),
		detail('time to final reply, p50 / p95', `${field('s', 'finalP50Ms')} / ${field('s', 'finalP95Ms')}`),
		detail('LLM requests in flight, max', String(maxInFlight), `≤ ${slots} (OLLAMA_CONCURRENCY)`, maxInFlight <= slots),
		detail(
			'upstream calls per playlist: Spotify / LLM',
			`${field('count', 'spotifyPerPlaylist')} / ${field('count', 'llmCallsPerPlaylist')}`,
		),
	];
}

function costRows({ critical, load, bootMemory }: BenchResults): Row[] {
	const cost = (key: keyof (typeof critical)[number]['cost']) => of(critical, 'count', (run) => run.cost[key]);
	const rss = median(load.map((run) => run.rssMb));
	return [
		headline(5, 'Cost per playlist (cache miss): Spotify requests', cost('spotifyRequests')),
		detail('LLM calls', cost('llmCalls')),
		detail('prompt + output tokens', `${cost('promptTokens')} + ${cost('outputTokens')}`),
		detail(
			`bot process RSS after the load step (JS heap used ${of(load, 'MB', (run) => run.heapUsedMb)})`,
			`**${of(load, 'MB', (run) => run.rssMb)}**`,
			`≤ ${TARGETS.rssMb} MB`,
			rss <= TARGETS.rssMb,
		),
		detail('bot process RSS after boot, before any playlist', formatValue(bootMemory.rssMb, 'MB')),
	];
}

function table(rows: Row[]): string {
	const lines = rows.map((row) => `| ${row.join(' | ')} |`);
	return ['| # | Figure | Median (min–max) | Target | |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
}

export function renderTable(results: BenchResults): string {
	return table([
		...criticalRows(results),
		...cacheRows(results),
		...loadRows(results),
		...costRows(results),
		...shardRows(results.shards),
	]);
}
