import { formatValue, type Unit } from './format.js';
import { detail, headline, type Row } from './reportRows.js';
import { BOT_DEFAULTS, LOAD_OLLAMA_LATENCY, SHARD_USERS } from './settings.js';
import type { ShardComparison, ShardSideRun } from './steps/load.js';

// Step 6 in results.md: one process over SQLite beside two shard processes over Redis, under the same load.

const SINGLE = '1 process, SQLite';
const SHARDED = '2 shards, Redis';

/** "a → b": the single process's figure, then the two shards'. */
function pair(comparison: ShardComparison, value: (side: ShardSideRun) => string): string {
	return `${value(comparison.single)} → ${value(comparison.sharded)}`;
}

const as =
	(unit: Unit, key: 'lastMs' | 'llmBoundMs' | 'deferP50Ms' | 'deferP95Ms' | 'finalP50Ms' | 'finalP95Ms') =>
	(side: ShardSideRun) =>
		formatValue(side[key], unit);

function perHost(side: ShardSideRun): string {
	return side.llmMaxInFlight.join(' / ');
}

function rss(side: ShardSideRun): string {
	return `${formatValue(side.rssMb, 'MB')} (${formatValue(side.bootRssMb, 'MB')} at boot)`;
}

export function shardRows(comparison: ShardComparison): Row[] {
	const { single, sharded, ollamaHosts } = comparison;
	const slots = BOT_DEFAULTS.ollamaConcurrency;
	const ratio = formatValue(sharded.lastMs / single.lastMs, 'x');
	const maxInFlight = Math.max(...single.llmMaxInFlight, ...sharded.llmMaxInFlight);
	const deferP95 = Math.max(single.deferP95Ms, sharded.deferP95Ms);
	const defer = (side: ShardSideRun) => `${as('ms', 'deferP50Ms')(side)} / ${as('ms', 'deferP95Ms')(side)}`;
	const final = (side: ShardSideRun) => `${as('s', 'finalP50Ms')(side)} / ${as('s', 'finalP95Ms')(side)}`;
	return [
		headline(
			6,
			`Shards: ${SHARD_USERS} users at once over 2 guilds, last final reply: ${SINGLE} → ${SHARDED}`,
			`${pair(comparison, as('s', 'lastMs'))} (${ratio}) · 1 run each`,
		),
		detail(
			`LLM-bound floor: Σ LLM answer time ÷ (${ollamaHosts} hosts × ${slots} slots)`,
			pair(comparison, as('s', 'llmBoundMs')),
		),
		detail('time to defer, p50 / p95', pair(comparison, defer), '< 3000 ms (Discord)', deferP95 < 3000),
		detail('time to final reply, p50 / p95', pair(comparison, final)),
		detail(
			'LLM requests in flight, max per host',
			pair(comparison, perHost),
			`≤ ${slots} per host, across processes`,
			maxInFlight <= slots,
		),
		detail(
			`RSS summed over the bot's processes (${single.processes} → ${sharded.processes}) after the step`,
			`**${pair(comparison, rss)}**`,
		),
	];
}

/** "420 ms later" or "30 ms sooner", as the two shards compare to the single process. */
function later(deltaMs: number): string {
	return `${formatValue(Math.abs(deltaMs), 'ms')} ${deltaMs >= 0 ? 'later' : 'sooner'}`;
}

export function shardLimit({ single, sharded }: ShardComparison): string {
	const overFloor = (side: ShardSideRun) => formatValue(side.lastMs / side.llmBoundMs, 'ratio');
	const memory = formatValue(sharded.rssMb - single.rssMb, 'MB');
	return [
		`- **Shards**: the last reply came at ${overFloor(single)}× (one process) and ${overFloor(sharded)}× (two shards) the LLM-bound floor. The store holds OLLAMA_CONCURRENCY per host across processes, so a second shard process adds no LLM capacity and cannot speed up LLM-bound work.`,
		`Two shards over Redis finished the last playlist ${later(sharded.lastMs - single.lastMs)} than one process over SQLite, with p95 to defer ${formatValue(single.deferP95Ms, 'ms')} → ${formatValue(sharded.deferP95Ms, 'ms')}. What the second process brings is a Redis round trip for every cache lookup, draft, claim and shared LLM slot instead of a local SQLite call, and one more Node process on the same cores as the stand-ins; neither overlaps LLM time.`,
		`The second process costs ${memory} more RSS, not counting redis-server or the \`start:sharded\` manager (~110 MB). Sharding is for Discord's gateway limits (required from 2,500 servers) and for running on several machines, not for speed. One run of each side: differences of a few hundred ms are within noise.`,
	].join(' ');
}

export function shardMethod({ ollamaHosts }: ShardComparison): string {
	const { firstTokenMs, perTokenMs } = LOAD_OLLAMA_LATENCY;
	return `- Step 6: ${SHARD_USERS} new users with distinct prompts dispatched together, alternating between two guilds that fall to shard 0 and shard 1, with Ollama at the step-4 latency (${firstTokenMs} ms + ${perTokenMs} ms per token) on ${ollamaHosts} Ollama stand-ins (\`OLLAMA_HOST=a,b\`, OLLAMA_CONCURRENCY ${BOT_DEFAULTS.ollamaConcurrency} on both sides), the same Spotify stand-in and a fresh Discord stand-in per side. First one bot process over a new SQLite file with every shard; then two bot processes with SHARD_COUNT=2 and SHARDS=0 and SHARDS=1 (as two instances would run them; the \`start:sharded\` manager, which would add a process and 5.5 s between shard logins, is not run) over one redis-server on 127.0.0.1 without persistence. Both sides get the same prompts (each has a fresh store, so nothing is cached), are booted and warmed with one playlist per guild, then measured once: one run per side keeps the step to ~15 s of the 3-minute budget, so these figures have no min–max.`;
}
