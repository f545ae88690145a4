import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { createUserRateLimit } from '../../../src/services/store/userRateLimit.js';
import { tempDatabaseUrl } from '../../../standins/upstreams.js';

// Two store handles on one SQLite file stand for two bot processes: they share only the store.

const HOUR = 60 * 60 * 1000;
const stores: Store[] = [];
afterEach(async () => {
	for (const store of stores.splice(0)) await store.close();
});

async function twoProcesses(limit: number, now: () => number) {
	const url = tempDatabaseUrl();
	const [a, b] = [await createStore(url), await createStore(url)];
	stores.push(a, b);
	const options = { name: 'playlist', limit, windowMs: HOUR, now };
	return [createUserRateLimit({ store: a, ...options }), createUserRateLimit({ store: b, ...options })] as const;
}

describe('a per-user rate over the store', () => {
	it('allows `limit` in the window across processes, then says how long until the oldest one leaves it', async () => {
		let clock = 1_000_000;
		const [a, b] = await twoProcesses(3, () => clock);
		expect((await a.take('alice')).allowed).toBe(true);
		clock += 10 * 60_000;
		expect((await b.take('alice')).allowed).toBe(true);
		expect((await a.take('alice')).allowed).toBe(true);
		expect(await b.take('alice')).toEqual({ allowed: false, retryInMs: 50 * 60_000 });
		expect((await b.take('bob')).allowed).toBe(true);
		clock += 50 * 60_000;
		expect((await b.take('alice')).allowed).toBe(true);
	});

	it('counts exactly `limit` of many takes at once from two processes', async () => {
		const [a, b] = await twoProcesses(5, Date.now);
		const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).take('carol')));
		expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
	});

	it('gives back a count for work that cost nothing', async () => {
		const [a, b] = await twoProcesses(1, Date.now);
		const taken = await a.take('dave');
		expect(taken.allowed).toBe(true);
		if (taken.allowed) await b.giveBack('dave', taken.at);
		expect((await b.take('dave')).allowed).toBe(true);
		expect((await a.take('dave')).allowed).toBe(false);
	});
});
