import type { BenchResults } from './benchResults.js';
import { formatSpread, formatValue } from './format.js';
import { shardLimit } from './reportShards.js';
import { BOT_DEFAULTS, CACHE_RUNS_PER_BATCH, CACHE_SLOW_MS, LOAD_USERS, TARGETS } from './settings.js';
import { median } from './playlistTiming.js';

// The prose of results.md about the figures, written from the measurements so it stays true when they change.

type Run = BenchResults['critical'][number];

const ms = (value: number) => formatValue(value, 'ms');

function medianOf<T>(items: readonly T[], value: (item: T) => number): number {
	return median(items.map(value));
}

/** A stage of a cache-miss playlist: its unavoidable part and what the bot added, per run. */
interface Stage {
	name: string;
	floor: (run: Run) => number;
	added: (run: Run) => number;
}

const STAGES: Stage[] = [
	{
		name: 'interaction received → extract request reaches Ollama',
		floor: () => 0,
		added: (r) => r.overheads.beforeExtractMs,
	},
	{
		name: 'extract request → first seed search',
		floor: (r) => r.floor.extractMs,
		added: (r) => r.overheads.afterExtractMs,
	},
	{ name: 'seed searches → refine request', floor: (r) => r.floor.roundMs, added: (r) => r.overheads.seedMs },
	{
		name: 'refine request → final reply (last check, final edit)',
		floor: (r) => r.floor.refineMs + r.floor.roundMs,
		added: (r) => r.overheads.afterRefineMs,
	},
];

export function describeTimeSpent({ critical }: BenchResults): string {
	const m = (value: (run: Run) => number) => ms(medianOf(critical, value));
	const rows = STAGES.map(
		({ name, floor, added }) => `| ${name} | ${m((r) => floor(r) + added(r))} | ${m(floor)} | ${m(added)} |`,
	);
	return [
		"## Where a cache-miss playlist's time goes",
		'',
		`Medians over the ${critical.length} bot runs of step 1, read off the stand-ins' request records; each cell is the median of its own per-run values, so a row need not add up exactly. The seed stage ran ${medianOf(critical, (r) => r.overheads.seedRounds)} search rounds (median).`,
		'',
		'| Stage | Measured | Unavoidable | Added by the bot |',
		'| --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

function criticalLimit({ critical }: BenchResults): string {
	const m = (value: (run: Run) => number) => medianOf(critical, value);
	const rounds = m((r) => r.overheads.seedRounds);
	const why = rounds > 1 ? ': the wider queries go out only after the first round came back thin' : '';
	const parts = [
		`${ms(m((r) => r.overheads.beforeExtractMs))} before the extract request (defer, cache lookup)`,
		`${ms(m((r) => r.overheads.afterExtractMs))} between the extract answer and the first search`,
		`${ms(m((r) => r.overheads.seedMs))} in the seed stage beyond one search round (it ran ${rounds} rounds${why})`,
		`${ms(m((r) => r.overheads.afterRefineMs))} after the refine answer beyond one verification round (checks still in flight, draft write, final edit)`,
	];
	const added = ms(m((r) => r.botMs - r.floor.totalMs));
	const floor = ms(m((r) => r.floor.totalMs));
	return `- **Critical path** (target ≤ ${TARGETS.criticalPathRatio.toFixed(2)}): the bot adds ${added} to ${floor} of unavoidable waits: ${parts.join('; ')}.`;
}

function naiveLimit({ critical }: BenchResults): string {
	const m = (value: (run: Run) => number) => medianOf(critical, value);
	const llmShare = formatValue(
		m((r) => ((r.floor.extractMs + r.floor.refineMs) / r.floor.totalMs) * 100),
		'count',
	);
	const ceiling = formatValue(
		m((r) => r.naiveMs / r.floor.totalMs),
		'x',
	);
	const searches = m((r) => r.naiveSpotifyRequests);
	return `- **Speed-up** (target ≥ ${TARGETS.speedUp.toFixed(1)}×): both designs wait on the same two LLM calls, ${llmShare} % of the unavoidable time; the naive design adds its ${searches} Spotify requests one after another. A bot exactly at its floor would be ${ceiling} faster than the naive design: the speed-up is bounded by how much Spotify time there is to overlap, and shrinks as the LLM gets slower.`;
}

function cacheLimit(cache: BenchResults['cache']): string {
	const hitCalls = cache.reduce((total, batch) => total + batch.upstreamCalls, 0);
	const slow = formatSpread(
		cache.map((batch) => batch.slowRuns),
		'count',
	);
	const waits = formatSpread(
		cache.map((batch) => batch.globalLimitWaits),
		'count',
	);
	return `- **Cache hit**: ${hitCalls} upstream calls across all hits; a hit is the deferral, one SQLite read, the draft's SQLite write and the final edit, all on 127.0.0.1. The p99 is not the cache: ${slow} of each ${CACHE_RUNS_PER_BATCH} back-to-back hits took over ${CACHE_SLOW_MS} ms, and discord.js reported ${waits} waits on its *global* rate limit per batch. It counts the final edits against its client-side limit of 50 requests a second (\`rest.globalRequestsPerSecond\`) and holds the next one until its window resets, although Discord does not bind interaction endpoints to the global limit.`;
}

function loadLimit(load: BenchResults['load']): string {
	const queueShare = formatValue(
		medianOf(load, (run) => run.lastMs / run.llmBoundMs),
		'ratio',
	);
	const waits = formatSpread(
		load.map((run) => run.globalLimitWaits),
		'count',
	);
	return `- **Load**: the last reply comes ${queueShare}× the LLM-bound floor: ${BOT_DEFAULTS.ollamaConcurrency} LLM slots (OLLAMA_CONCURRENCY) serialize ${LOAD_USERS * 2} LLM calls, so the queue sets completion time, not the bot; deferral stays immediate for everyone. discord.js reported ${waits} waits on its global limit per run (${LOAD_USERS} replies being deferred and edited at once).`;
}

function memoryLimit({ load, bootMemory }: BenchResults): string {
	const rss = formatSpread(
		load.map((run) => run.rssMb),
		'MB',
	);
	const heap = formatSpread(
		load.map((run) => run.heapUsedMb),
		'MB',
	);
	return `- **Memory**: RSS ${rss} after ${LOAD_USERS} concurrent playlists, ${formatValue(bootMemory.rssMb, 'MB')} right after boot; the JS heap in use is ${heap}, the rest is Node itself, discord.js, sqlite3 and freed memory not yet returned to the OS. The bot runs with \`npm start\`'s \`--max-semi-space-size=4\`; with Node's default 16 MB semi-spaces the same step measured 142–152 MB over three benchmark runs.`;
}

export function describeLimits(results: BenchResults): string {
	return [
		'## What limits each figure',
		'',
		criticalLimit(results),
		naiveLimit(results),
		cacheLimit(results.cache),
		loadLimit(results.load),
		memoryLimit(results),
		shardLimit(results.shards),
	].join('\n');
}
