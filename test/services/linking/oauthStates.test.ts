import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createOAuthStates, type StoredState } from '../../../src/services/linking/oauthStates.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { tempDatabaseUrl } from '../../../standins/upstreams.js';

const stores: Store[] = [];
afterEach(async () => {
	for (const store of stores.splice(0)) await store.close();
});

/** OAuth states over a real store, counting every write the states make to it. */
async function countedStates(url = tempDatabaseUrl()) {
	const store = await createStore(url);
	stores.push(store);
	const writes: string[] = [];
	const collection = store.collection<StoredState>('oauth-state');
	const states = createOAuthStates({
		collection: {
			get: (key) => collection.get(key),
			set: (key, value, ttl) => (writes.push(`set ${key}`), collection.set(key, value, ttl)),
			delete: (key) => (writes.push(`delete ${key}`), collection.delete(key)),
		},
		claims: { claim: (key, ttl) => (writes.push(`claim ${key}`), store.claim(key, ttl)) },
	});
	return { states, writes, url };
}

describe('OAuth states', () => {
	it('answers well-formed unknown states without writing anything', async () => {
		const { states, writes } = await countedStates();
		for (let i = 0; i < 50; i++) expect(await states.consume(randomBytes(32).toString('base64url'))).toBeNull();
		expect(await states.consume('not a state')).toBeNull();
		expect(writes).toEqual([]);
	});

	it('lets a real state be used once, by one of two processes racing for it', async () => {
		const first = await countedStates();
		const second = await countedStates(first.url);
		const state = await first.states.issue({ id: '1001', name: 'Ann', handle: 'ann' });
		const results = await Promise.all([first.states.consume(state), second.states.consume(state)]);
		expect(results.filter((result) => result !== null)).toEqual([{ id: '1001', name: 'Ann', handle: 'ann' }]);
		expect(results.filter((result) => result === null)).toHaveLength(1);
		expect(await first.states.consume(state)).toBeNull();
	});
});
