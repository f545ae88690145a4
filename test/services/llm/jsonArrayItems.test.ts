import { describe, expect, it } from 'vitest';
import { createArrayItemScanner } from '../../../src/services/llm/jsonArrayItems.js';

describe('createArrayItemScanner', () => {
	it('hands over each object of the first array as soon as it is complete', () => {
		const text =
			'{"suggestions": [{"title": "A {x}", "artist": "B \\"q\\" ]"}, {"title": "C", "artist": "D", "n": {"x": 1}}]}';
		const scan = createArrayItemScanner();
		const found: string[] = [];
		for (let end = 1; end <= text.length; end += 7) found.push(...scan(text.slice(0, end)));
		found.push(...scan(text));
		expect(found.map((raw) => JSON.parse(raw) as unknown)).toEqual([
			{ title: 'A {x}', artist: 'B "q" ]' },
			{ title: 'C', artist: 'D', n: { x: 1 } },
		]);
	});

	it('finds nothing in an answer without an array', () => {
		expect(createArrayItemScanner()('{"mood": "happy", "x": {"y": 1}}')).toEqual([]);
	});
});
