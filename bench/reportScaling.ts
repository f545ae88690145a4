import { DEFER_TARGET, detail, formatDelta, formatValue, headline, type Row, type Unit } from './reportFormat.js';
import type { BenchResults } from './reportFigures.js';
import { BOT_DEFAULTS, DISCORD_DEFER_LIMIT_MS, SHARD_USERS } from './settings.js';
import type { ShardSideRun } from './steps/load.js';
import { CHANGED_SOURCE } from './steps/startup.js';

// results.md's rows for running the bot: one process against two shard processes, and `npm start` to a ready bot.

export function shardRows({ shards }: BenchResults): Row[] {
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
		headline(9, figure, `${pair((side) => formatValue(side.lastMs, 's'))} (${ratio}) · 1 run each`),
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

export function startupRows({ startup }: BenchResults): Row[] {
	return [
		headline(
			10,
			'`npm start` → bot ready, nothing changed since the last build',
			`${formatValue(startup.unchangedMs, 's')} · 1 run each`,
		),
		detail(`after a change to ${CHANGED_SOURCE}`, formatValue(startup.changedMs, 's')),
	];
}
