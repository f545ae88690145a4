import { spread } from './playlistTiming.js';
import { DISCORD_DEFER_LIMIT_MS } from './settings.js';

// How results.md prints: a median with its min–max in the unit that reads best, and the rows of a figures table.

export type Unit = 'ms' | 's' | 'x' | 'ratio' | '%' | 'MB' | 'count';

function number(value: number, unit: Unit): string {
	if (unit === 's') return (value / 1000).toFixed(1);
	if (unit === '%') return value.toFixed(1);
	if (unit === 'x' || unit === 'ratio') return value.toFixed(2);
	if (unit === 'count') return Number.isInteger(value) ? String(value) : value.toFixed(1);
	return String(Math.round(value));
}

const SUFFIXES: Partial<Record<Unit, string>> = { x: '×', ratio: '', count: '', '%': ' %' };
const suffix = (unit: Unit) => SUFFIXES[unit] ?? ` ${unit}`;

export function formatValue(value: number, unit: Unit): string {
	return `${number(value, unit)}${suffix(unit)}`;
}

/** "4512 ms (4480–4601)": median, then min–max when the runs differ. */
export function formatSpread(values: readonly number[], unit: Unit): string {
	const { median, min, max } = spread(values);
	const range = number(min, unit) === number(max, unit) ? '' : ` (${number(min, unit)}–${number(max, unit)})`;
	return `${number(median, unit)}${suffix(unit)}${range}`;
}

/** "+132 ms" or "−30 ms". */
export const formatDelta = (value: number, unit: Unit) =>
	`${value < 0 ? '−' : '+'}${formatValue(Math.abs(value), unit)}`;

export const of = <T>(items: readonly T[], unit: Unit, value: (item: T) => number) =>
	formatSpread(items.map(value), unit);

export type Row = [number | '', string, string, string, string];

/** The target beside every time-to-defer row. */
export const DEFER_TARGET = `< ${DISCORD_DEFER_LIMIT_MS} ms (Discord)`;

const status = (met: boolean | undefined) => (met === undefined ? '' : met ? '✅ met' : '❌ missed');

/** A figure's first row: its number, a bold result and the target with whether it was met. */
export function headline(index: number, figure: string, result: string, target = '—', met?: boolean): Row {
	return [index, figure, `**${result}**`, target, status(met)];
}

export function detail(figure: string, result: string, target = '', met?: boolean): Row {
	return ['', `… ${figure}`, result, target, status(met)];
}

/** A detail row's label, unit, and its value in one run; the row shows the spread over all runs. */
export type Detail<T> = [figure: string, unit: Unit, value: (item: T) => number];

export function details<T>(items: readonly T[], specs: Detail<T>[]): Row[] {
	return specs.map(([figure, unit, value]) => detail(figure, of(items, unit, value)));
}

/** A markdown table: the header row, its separator, then the rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
	const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
