import { npmScriptNodeFlags } from '../standins/npmScriptFlags.js';
import { median } from './playlistTiming.js';
import { figureRows, type BenchResults } from './reportFigures.js';
import { formatValue, markdownTable } from './reportFormat.js';
import type { CriticalRun } from './steps/criticalPath.js';

// results.md: tables of what one `npm run bench` measured, and nothing else. What each figure means, how it is
// measured and what bounds it is in bench/README.md, which changes only when the bench does.

/** A stage of a cache-miss playlist: its unavoidable part and what the bot added, per run. */
interface Stage {
	name: string;
	floor: (run: CriticalRun) => number;
	added: (run: CriticalRun) => number;
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
	{ name: 'interaction → final reply', floor: (r) => r.floor.totalMs, added: (r) => r.botMs - r.floor.totalMs },
];

function stageTable({ critical }: BenchResults): string {
	const ms = (value: (run: CriticalRun) => number) => formatValue(median(critical.map(value)), 'ms');
	const rows = STAGES.map(({ name, floor, added }) => [name, ms((r) => floor(r) + added(r)), ms(floor), ms(added)]);
	const header = [`Stage (median of ${critical.length} runs)`, 'Measured', 'Unavoidable', 'Added by the bot'];
	return markdownTable(header, rows);
}

function runTable(results: BenchResults): string {
	return markdownTable(
		['Run', ''],
		[
			['date', new Date().toISOString().slice(0, 10)],
			['machine', results.machine],
			["bot process's Node flags (npm start's)", npmScriptNodeFlags('start').join(' ') || 'none'],
			['bench run time', formatValue(results.runtimeMs, 's')],
			['first playlist after boot, not counted', formatValue(results.warmUpMs, 'ms')],
		],
	);
}

export function renderResults(results: BenchResults): string {
	const figures = markdownTable(['#', 'Figure', 'Median (min–max)', 'Target', ''], figureRows(results));
	return [
		'# Benchmark results',
		'',
		'Written by `npm run bench`. What each figure measures, how, and what bounds it: [README.md](README.md).',
		'',
		runTable(results),
		'',
		'## Figures',
		'',
		figures,
		'',
		"## Where a cache-miss playlist's time goes",
		'',
		stageTable(results),
		'',
	].join('\n');
}
