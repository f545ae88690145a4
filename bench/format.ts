import { spread, type Spread } from './playlistTiming.js';

// Number formatting for results.md: a median with its min–max, in the unit that reads best.

export type Unit = 'ms' | 's' | 'x' | 'ratio' | 'MB' | 'count';

function number(value: number, unit: Unit): string {
	if (unit === 's') return (value / 1000).toFixed(1);
	if (unit === 'x' || unit === 'ratio') return value.toFixed(2);
	if (unit === 'count') return Number.isInteger(value) ? String(value) : value.toFixed(1);
	return String(Math.round(value));
}

function suffix(unit: Unit): string {
	if (unit === 'x') return '×';
	if (unit === 'ratio' || unit === 'count') return '';
	return ` ${unit}`;
}

export function formatValue(value: number, unit: Unit): string {
	return `${number(value, unit)}${suffix(unit)}`;
}

/** "4512 ms (4480–4601)": median, then min–max when the runs differ. */
export function formatSpread(values: readonly number[] | Spread, unit: Unit): string {
	const { median, min, max } = 'median' in values ? values : spread(values);
	const range = number(min, unit) === number(max, unit) ? '' : ` (${number(min, unit)}–${number(max, unit)})`;
	return `${number(median, unit)}${suffix(unit)}${range}`;
}

export function status(met: boolean): string {
	return met ? '✅ met' : '❌ missed';
}
