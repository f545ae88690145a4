import { status } from './format.js';

// A row of the results table and the two kinds of row every figure's block is made of.

export type Row = [number | '', string, string, string, string];

/** A figure's first row: its number, a bold result and the target with whether it was met. */
export function headline(index: number, figure: string, result: string, target = '—', met?: boolean): Row {
	return [index, figure, `**${result}**`, target, met === undefined ? '' : status(met)];
}

export function detail(figure: string, result: string, target = '', met?: boolean): Row {
	return ['', `… ${figure}`, result, target, met === undefined ? '' : status(met)];
}
