import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { STORE_BACKENDS, useDatabase } from '../../../standins/redis.js';

// The line beside shared slots, on both stores: two handles on one database stand for two processes.

describe.each(STORE_BACKENDS)('slots with a line on $kind', ({ kind, available }) => {
	const database = useDatabase(kind, available);
	const stores: Store[] = [];
	afterEach(async () => {
		for (const store of stores.splice(0)) await store.close();
	});

	it.skipIf(!available)(
		'gives a freed slot to the process that waited, not back to the one that freed it',
		async () => {
			const url = database.newUrl();
			const [a, b] = [await createStore(url), await createStore(url)];
			stores.push(a, b);
			const slot = (store: Store, waiter: string) => store.acquireSlot('host-1', 1, 60_000, { line: 'llm', waiter });

			const first = await slot(a, 'process-a');
			expect(first).not.toBeNull();
			expect(await slot(b, 'process-b')).toBeNull();
			await first!();
			// Free again, but process B has waited longer: A does not take it back.
			expect(await slot(a, 'process-a')).toBeNull();
			const second = await slot(b, 'process-b');
			expect(second).not.toBeNull();
			// B was served and left the line: A is next, once the slot is free.
			expect(await slot(b, 'process-b')).toBeNull();
			await second!();
			expect(await slot(b, 'process-b')).toBeNull();
			expect(await slot(a, 'process-a')).not.toBeNull();
		},
	);

	it.skipIf(!available)('without a line, and on another slot name, behaves as before', async () => {
		const url = database.newUrl();
		const store = await createStore(url);
		stores.push(store);
		const first = await store.acquireSlot('host-2', 1, 60_000);
		expect(first).not.toBeNull();
		expect(await store.acquireSlot('host-2', 1, 60_000)).toBeNull();
		await first!();
		expect(await store.acquireSlot('host-2', 1, 60_000)).not.toBeNull();
	});
});
