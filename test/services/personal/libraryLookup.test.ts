import { describe, expect, it } from 'vitest';
import { createLibraryLookup } from '../../../src/services/personal/libraryLookup.js';

const uris = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `spotify:track:t${from + index}`);

describe('createLibraryLookup', () => {
	it('asks at most 40 URIs a call, the calls at once, and each URI once', async () => {
		const calls: string[][] = [];
		let inFlight = 0;
		let most = 0;
		const saved = new Set(['spotify:track:t3', 'spotify:track:t55']);
		const lookup = createLibraryLookup(async (batch) => {
			calls.push(batch);
			most = Math.max(most, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, 5));
			inFlight--;
			return batch.map((uri) => saved.has(uri));
		});
		const [first, second] = await Promise.all([lookup(uris(60)), lookup(uris(30, 45))]);
		expect([...first]).toEqual(['spotify:track:t3', 'spotify:track:t55']);
		expect([...second]).toEqual(['spotify:track:t55']);
		expect(calls.map((call) => call.length)).toEqual([40, 35]);
		expect(most).toBe(2);
		expect(await lookup(uris(10))).toEqual(new Set(['spotify:track:t3']));
		expect(calls).toHaveLength(2);
	});

	it('gathers lookups made one after another, as LLM picks are verified, into one call', async () => {
		const calls: string[][] = [];
		const lookup = createLibraryLookup((batch) => {
			calls.push(batch);
			return Promise.resolve(batch.map(() => false));
		});
		await Promise.all(uris(5).map((uri) => lookup([uri])));
		expect(calls).toEqual([uris(5)]);
	});

	it('fails the lookups of a call that failed', async () => {
		const lookup = createLibraryLookup(() => Promise.reject(new Error('spotify is down')));
		await expect(lookup(uris(3))).rejects.toThrow('spotify is down');
	});
});
