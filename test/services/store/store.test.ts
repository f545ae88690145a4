import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@keyv/redis';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore, StoreError, type Store } from '../../../src/services/store/createStore.js';
import { startBot } from '../../helpers/bot.js';
import { STORE_BACKENDS, useDatabase } from '../../../standins/redis.js';
import { holdRefusedUrl, type RefusedUrl } from '../../../standins/refusedUrl.js';

// The same contract against both stores. Two handles on one URL stand for two processes: neither shares memory
// with the other, only the database.

describe.each(STORE_BACKENDS)('$kind store', ({ kind, available }) => {
	const database = useDatabase(kind, available);
	let url: string;
	const opened: Store[] = [];
	const open = async () => {
		const store = await createStore(url);
		opened.push(store);
		return store;
	};
	// Keys of one test never meet another's.
	const unique = (name: string) => `${name}-${randomUUID()}`;
	// SQLite compares expiry times with this process's Date, faked from the first call on and moved at once;
	// redis-server keeps its own clock, so there the time really has to pass.
	const elapse = async (ms: number) => {
		if (kind === 'redis') return sleep(ms);
		if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + ms);
	};

	beforeAll(() => {
		url = database.newUrl();
	});
	afterEach(async () => {
		vi.useRealTimers();
		await Promise.all(opened.splice(0).map((store) => store.close()));
	});

	describe.skipIf(!available)('contract', () => {
		it('gets, sets, deletes and expires values per collection, and answers ping', async () => {
			const store = await open();
			expect(store.kind).toBe(kind);
			expect(await store.ping()).toBe(true);
			const drafts = store.collection<{ n: number }>('draft');
			const id = unique('id');
			await drafts.set(id, { n: 1 });
			await store.collection<{ n: number }>('cache').set(id, { n: 2 }, 150);
			expect(await drafts.get(id)).toEqual({ n: 1 });
			expect(await store.collection('cache').get(id)).toEqual({ n: 2 });
			await elapse(300);
			await store.purgeExpired();
			expect(await store.collection('cache').get(id)).toBeUndefined();
			expect(await drafts.get(id)).toEqual({ n: 1 });
			expect(await drafts.delete(id)).toBe(true);
			expect(await drafts.get(id)).toBeUndefined();
		});

		it('keeps values across a restart and shows each handle what the other wrote', async () => {
			const id = unique('id');
			const first = await open();
			await first.collection('link').set(id, 'sealed');
			await first.close();
			const [a, b] = [await open(), await open()];
			expect(await a.collection('link').get(id)).toBe('sealed');
			await b.collection('link').set(id, 'changed');
			expect(await a.collection('link').get(id)).toBe('changed');
		});

		it('lets exactly one of many concurrent claimers (in two handles) win, until the winner releases', async () => {
			const handles = [await open(), await open()] as const;
			const key = unique('save');
			const attempts = Array.from({ length: 24 }, async (_, index) => {
				const handle = handles[index % 2] ?? handles[0];
				return { handle, won: await handle.claim(key, 10_000) };
			});
			const winners = (await Promise.all(attempts)).filter((attempt) => attempt.won);
			expect(winners).toHaveLength(1);
			const owner = winners[0]?.handle;
			const other = owner === handles[0] ? handles[1] : handles[0];
			expect(await owner?.claim(key, 10_000)).toBe(false);
			// A handle that does not hold the claim cannot free it.
			await other.release(key);
			expect(await other.claim(key, 10_000)).toBe(false);
			await owner?.release(key);
			expect(await other.claim(key, 10_000)).toBe(true);
		});

		it('frees a claim when it expires, unless its holder extends it; then only the new holder has it', async () => {
			const [a, b] = [await open(), await open()];
			const key = unique('run');
			expect(await a.claim(key, 200)).toBe(true);
			expect(await b.claim(key, 200)).toBe(false);
			await elapse(100);
			expect(await a.extend(key, 400)).toBe(true);
			expect(await b.extend(key, 10_000)).toBe(false);
			await elapse(200);
			expect(await b.claim(key, 10_000)).toBe(false);
			await elapse(350);
			expect(await b.claim(key, 10_000)).toBe(true);
			expect(await a.extend(key, 10_000)).toBe(false);
			await a.release(key);
			expect(await a.claim(key, 10_000)).toBe(false);
		});

		it('never has more than `limit` slot holders among many concurrent callers in two handles', async () => {
			const handles = [await open(), await open()];
			const name = unique('ollama');
			let holding = 0;
			let most = 0;
			const worker = async (index: number) => {
				for (let done = 0; done < 4;) {
					const release = await handles[index % 2]?.acquireSlot(name, 3, 10_000);
					// A short back-off, and a little work while holding the slot, as an LLM request would.
					if (!release) {
						await sleep(2);
						continue;
					}
					most = Math.max(most, ++holding);
					await sleep(10);
					holding--;
					await release();
					done++;
				}
			};
			await Promise.all(Array.from({ length: 12 }, (_, index) => worker(index)));
			expect(most).toBe(3);
		});

		it('gives a slot back on release (once) or when a dead holder’s lease expires', async () => {
			const [a, b] = [await open(), await open()];
			const name = unique('host');
			const attempts = await Promise.all(
				Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquireSlot(name, 2, 250)),
			);
			const held = attempts.filter((release) => release !== null);
			expect(held).toHaveLength(2);
			expect(await a.acquireSlot(name, 2, 250)).toBeNull();
			await held[0]?.();
			await held[0]?.();
			const again = await b.acquireSlot(name, 2, 10_000);
			expect(again).not.toBeNull();
			expect(await a.acquireSlot(name, 2, 10_000)).toBeNull();
			// held[1] never releases, as if its process was killed: its lease ends by itself.
			await elapse(400);
			expect(await a.acquireSlot(name, 2, 10_000)).not.toBeNull();
			expect(await b.acquireSlot(name, 2, 10_000)).toBeNull();
			expect(await b.acquireSlot(unique('other-host'), 2, 10_000)).not.toBeNull();
		});

		it('is what the bot started on DATABASE_URL uses, as /healthz says', async () => {
			const bot = await startBot({ config: (config) => ({ ...config, databaseUrl: url }) });
			try {
				const health = (await (await fetch(`${bot.app.httpUrl}/healthz`)).json()) as Record<string, unknown>;
				expect(health).toMatchObject({ store: true, storeKind: kind });
			} finally {
				await bot.close();
			}
		});

		it.runIf(kind === 'redis')('keeps every key under promptlist:<collection>:<id>', async () => {
			const store = await open();
			const id = unique('id');
			await store.collection('draft').set(id, { n: 1 });
			const client = createClient({ url });
			await client.connect();
			try {
				expect(await client.exists(`promptlist:draft:${id}`)).toBe(1);
				expect(await client.keys('*')).toSatisfy((keys: string[]) => keys.every((k) => k.startsWith('promptlist:')));
			} finally {
				await client.close();
			}
		});
	});
});

describe('an unreachable Redis', () => {
	let silent: Server | undefined;
	let refused: RefusedUrl | undefined;
	afterEach(async () => {
		silent?.close();
		await refused?.close();
	});

	it('fails fast with a StoreError naming the address but not the password', async () => {
		refused = await holdRefusedUrl();
		const { port } = new URL(refused.url);
		const started = Date.now();
		const failure = await createStore(`redis://bot:hunter2-secret@127.0.0.1:${port}/0`).catch(
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(StoreError);
		expect((failure as Error).message).toContain(`127.0.0.1:${port}`);
		expect((failure as Error).message).not.toContain('hunter2');
		expect(Date.now() - started).toBeLessThan(3_500);
	});

	it('gives up after about 3 s on a server that accepts connections but never answers', async () => {
		silent = createServer(() => undefined);
		await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
		const { port } = silent.address() as { port: number };
		const started = Date.now();
		const failure = await createStore(`redis://:hunter2-secret@127.0.0.1:${port}`).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(StoreError);
		expect((failure as Error).message).not.toContain('hunter2');
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});
