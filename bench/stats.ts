// Small summaries for repeated measurements: every figure is the median of its runs, shown with min–max.

export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number;
}

function sorted(values: readonly number[]): number[] {
	if (values.length === 0) throw new Error('no values to summarize');
	return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
	const ordered = sorted(values);
	const middle = Math.floor(ordered.length / 2);
	return ordered.length % 2 === 1
		? (ordered[middle] as number)
		: ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2;
}

/** Nearest-rank percentile: p99 of 200 values is the 198th smallest. */
export function percentile(values: readonly number[], p: number): number {
	const ordered = sorted(values);
	return ordered[Math.max(0, Math.ceil((p / 100) * ordered.length) - 1)] as number;
}

export function spread(values: readonly number[]): Spread {
	const ordered = sorted(values);
	return { median: median(ordered), min: ordered[0] as number, max: ordered.at(-1) as number, runs: ordered.length };
}

export function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
