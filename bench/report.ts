import type { BenchResults } from './benchResults.js';
import { formatValue } from './format.js';
import { describeMethod } from './reportMethod.js';
import { describeLimits, describeTimeSpent } from './reportNotes.js';
import { renderTable } from './reportTable.js';

// results.md: the figures with their targets, where the time goes, what limits each figure, and how it was measured.

export function renderResults(results: BenchResults): string {
	return [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${results.machine}); the run took ${formatValue(results.runtimeMs, 's')}.`,
		'Each figure is the median of its runs, with min–max in brackets. Machine noise moves absolute times; the ratios are the figures to compare.',
		'',
		renderTable(results),
		'',
		describeTimeSpent(results),
		'',
		describeLimits(results),
		'',
		describeMethod(results),
		'',
	].join('\n');
}
