import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPipelineServices, type PipelineServices } from '../../../src/wiring/pipelineServices.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { captureLogger, pipelineConfig, startUpstreams, type Upstreams } from '../../../standins/upstreams.js';
import type { ChatRequestBody } from '../../../standins/ollama.js';
import type { PipelineConfig } from '../../../src/config.js';

// The shared Spotify caches, seen from outside: how many searches reach the Spotify stand-in.

let upstreams: Upstreams;
let config: PipelineConfig;
const stores: Store[] = [];

/** One pipeline process over the test's store file. */
async function startProcess(): Promise<PipelineServices> {
	const store = await createStore(config.databaseUrl);
	stores.push(store);
	return createPipelineServices(config, store, { logger: captureLogger('silent').logger });
}

beforeEach(async () => {
	upstreams = await startUpstreams();
	config = pipelineConfig(upstreams);
});

afterEach(async () => {
	vi.useRealTimers();
	await Promise.all(stores.splice(0).map((store) => store.close()));
	await upstreams.close();
});

const searches = () => upstreams.spotify.requests.filter((request) => request.path.startsWith('/v1/search'));
const searchKey = (request: { query: Record<string, string> }) =>
	`${request.query.q}|${request.query.offset ?? 0}|${request.query.limit ?? ''}`;
const verifyFor = (title: string) =>
	searches().filter((request) => request.query.q?.toLowerCase().includes(`track:"${title.toLowerCase()}"`));

const isSuggestions = (body: ChatRequestBody) =>
	typeof body.format === 'object' && 'suggestions' in ((body.format.properties as object | undefined) ?? {});

describe('shared Spotify caches', () => {
	it('a second prompt sharing a genre with the first makes fewer Spotify searches, none it made before', async () => {
		const services = await startProcess();
		await services.pipeline.run('upbeat k-pop for running', { length: 10 });
		const first = searches();
		upstreams.spotify.resetRecords();

		await services.pipeline.run('sad k-pop for a rainy night', { length: 10 });
		const second = searches();
		expect(second.length).toBeLessThan(first.length);
		const before = new Set(first.map(searchKey));
		expect(second.filter((request) => before.has(searchKey(request)))).toEqual([]);
	});

	it('one suggestion, however spelled, is verified once across two processes; a miss is kept, then expires', async () => {
		// A song no seed search of these prompts shows, so only the check itself can find it.
		const real = upstreams.catalog.tracksByGenre('classical').at(-1);
		if (!real) throw new Error('empty catalog');
		const artist = real.artists[0]?.name ?? '';
		const madeUp = { title: 'Velvet Lantern 4242', artist: 'Phantom Lanterns', reason: 'fits' };
		let spelling = 0;
		upstreams.ollama.setResponder((body) => {
			if (!isSuggestions(body)) return undefined;
			// Each answer spells the real song another way: one songKey, another search query.
			const title = [real.name, `${real.name.toLowerCase()} (feat. Someone)`, `${real.name} - Remastered 2011`];
			return { suggestions: [{ title: title[spelling++ % 3], artist, reason: 'fits' }, madeUp] };
		});
		const [one, two] = [await startProcess(), await startProcess()];

		await one.pipeline.run('pop hits', { length: 5 });
		await two.pipeline.run('rock hits', { length: 5 });
		expect(verifyFor(real.name)).toHaveLength(1);
		// A made-up song is searched for: in the prompt's market first (k-pop: KR), then anywhere.
		expect(verifyFor(madeUp.title).length).toBeGreaterThanOrEqual(1);

		// A day and an hour later the miss is asked again; the found song is kept for a week.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 25 * 3_600_000);
		await two.pipeline.run('jazz hits', { length: 5 });
		expect(verifyFor(real.name)).toHaveLength(1);
		expect(verifyFor(madeUp.title)).toHaveLength(2);
	});

	it('a suggestion naming a song a search page showed needs no search of its own, in any spelling', async () => {
		// Deep in the genre's pages, so the seed list does not hold it first: the pick is the LLM's.
		const shown = upstreams.catalog.tracksByGenre('k-pop')[42];
		if (!shown) throw new Error('empty catalog');
		const artist = shown.artists[0]?.name ?? '';
		const madeUp = { title: 'Velvet Lantern 4242', artist: 'Phantom Lanterns', reason: 'fits' };
		upstreams.ollama.setResponder((body) => {
			if (!isSuggestions(body)) return undefined;
			return {
				suggestions: [{ title: `${shown.name.toLowerCase()} (feat. Someone)`, artist, reason: 'fits' }, madeUp],
			};
		});
		const services = await startProcess();

		const result = await services.pipeline.run('upbeat k-pop for running', { length: 10 });
		expect(searches().some((request) => request.query.q === 'genre:"k-pop"' && request.query.offset === '40')).toBe(
			true,
		);
		expect(verifyFor(shown.name)).toEqual([]);
		// A made-up song is searched for: in the prompt's market first (k-pop: KR), then anywhere.
		expect(verifyFor(madeUp.title).length).toBeGreaterThanOrEqual(1);
		expect(result.tracks.find((track) => track.id === shown.id)).toMatchObject({ source: 'llm', reason: 'fits' });
	});

	it('Regenerate (fresh) reuses the cached searches and still makes a playlist', async () => {
		const services = await startProcess();
		const first = await services.pipeline.run('chill jazz for studying', { length: 10 });
		const before = new Set(searches().map(searchKey));
		const chats = upstreams.ollama.totals.chatCalls;
		upstreams.spotify.resetRecords();

		const again = await services.pipeline.run('chill jazz for studying', { length: 10, fresh: true });
		expect(upstreams.ollama.totals.chatCalls).toBe(chats * 2);
		expect(again.tracks).toHaveLength(first.tracks.length);
		expect(searches().filter((request) => before.has(searchKey(request)))).toEqual([]);
	});

	it('keeps only track fields in the cache collections, nothing token-like', async () => {
		const services = await startProcess();
		await services.pipeline.run('energetic rock for the gym', { length: 10 });
		const tokens = new Set(
			upstreams.spotify.requests.map((request) => request.headers.authorization?.replace(/^Bearer\s+/i, '')),
		);
		tokens.delete(undefined);
		expect(tokens.size).toBeGreaterThan(0);

		const rows = await cachedRows(config.databaseUrl.replace(/^sqlite:\/\//, ''));
		expect(rows.some((row) => row.key.includes('search:'))).toBe(true);
		expect(rows.some((row) => row.key.includes('verified:'))).toBe(true);
		const trackFields = ['album', 'artists', 'durationMs', 'id', 'imageUrl', 'name', 'uri', 'url'];
		for (const row of rows) {
			for (const token of tokens) expect(row.value).not.toContain(token);
			expect(row.value).not.toContain(config.spotify.clientSecret);
			expect(row.value).not.toMatch(/token|secret|bearer/i);
			const { value } = JSON.parse(row.value) as { value: { tracks?: object[]; track?: object | null } };
			for (const track of value.tracks ?? [value.track ?? {}].filter((t) => Object.keys(t).length > 0)) {
				expect(Object.keys(track).sort()).toEqual(trackFields);
			}
		}
	});
});

/** The raw rows of the two cache collections, as the SQLite file holds them (sqliteStore's table). */
function cachedRows(path: string): Promise<{ key: string; value: string }[]> {
	const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
	return new Promise((resolve, reject) => {
		db.all(
			"SELECT key, value FROM promptlist WHERE key LIKE '%search:%' OR key LIKE '%verified:%'",
			(error: Error | null, rows: { key: string; value: string }[]) => {
				db.close();
				if (error) reject(error);
				else resolve(rows);
			},
		);
	});
}
