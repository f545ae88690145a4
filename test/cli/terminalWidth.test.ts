import { describe, expect, it } from 'vitest';
import { displayWidth, fitColumns } from '../../src/cli/terminalWidth.js';

// The CLI's table lines up only if every cell takes the same number of terminal columns, whatever the script.

describe('terminal width', () => {
	it.each([
		['Dynamite', 8],
		['다이너마이트', 12],
		['夜に駆ける', 10],
		['ＡＢＣ', 6],
		['🔥🔥', 4],
		['🚀 go', 5],
		['🇰🇷', 2],
		['👩‍🎤 star', 7],
		['❤️', 2],
		['Beyoncé', 7],
		['e\u0301', 1],
		['a\u200Bb', 2],
		['مرحبا', 5],
	])('counts %j as %i columns', (text, width) => {
		expect(displayWidth(text)).toBe(width);
	});

	it.each([
		'Dynamite',
		'다이너마이트 (Dynamite) — 방탄소년단 BTS 버전',
		'🔥'.repeat(30),
		'e\u0301'.repeat(40),
		'ab夜に',
	])('fits %j into exactly 13 columns', (text) => {
		const cell = fitColumns(text, 13);
		expect(displayWidth(cell)).toBe(13);
		// Nothing cut in half: no lone surrogate, no accent without its letter.
		expect(cell).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
		expect(cell.startsWith('\u0301')).toBe(false);
	});

	it('cuts with an ellipsis only when the text does not fit, and flattens line breaks', () => {
		expect(fitColumns('short', 8)).toBe('short   ');
		expect(fitColumns('a much longer title', 8)).toBe('a much …');
		expect(fitColumns('two\nlines', 9)).toBe('two lines');
		// A wide character that would straddle the edge is left out and the gap padded.
		expect(fitColumns('ab夜に駆ける', 6)).toBe('ab夜… ');
	});
});
