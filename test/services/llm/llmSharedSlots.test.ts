import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamUnreachableError } from '../../../src/services/errors.js';
import { createLlm, type Llm } from '../../../src/services/llm/createLlm.js';
import { HOST_COOLDOWN_MS } from '../../../src/services/llm/ollamaHostState.js';
import type { SharedSlots } from '../../../src/services/llm/ollamaHosts.js';
import { createStore } from '../../../src/services/store/createStore.js';
import { captureLogger, tempDatabaseUrl } from '../../../standins/upstreams.js';
import { startOllamaStandin, type OllamaStandin } from '../../../standins/ollama.js';

// Two pools sharing one slot counter stand for two bot processes sharing Redis: together they keep
// OLLAMA_CONCURRENCY per host. The counter is an in-memory stand-in for the store's acquireSlot.

const SCHEMA = z.object({ mood: z.string() });
const TIMEOUT_MS = 5_000;

let standins: OllamaStandin[] = [];
afterEach(async () => {
	await Promise.all(standins.map((standin) => standin.close()));
	standins = [];
});

function createMemorySlots() {
	const held = new Map<string, number>();
	const calls: { name: string; limit: number; leaseMs: number }[] = [];
	const slots: SharedSlots = {
		acquireSlot: async (name, limit, leaseMs) => {
			calls.push({ name, limit, leaseMs });
			// A round trip, as to Redis: the answer comes later than the question.
			await new Promise((resolve) => setTimeout(resolve, 1));
			const count = held.get(name) ?? 0;
			if (count >= limit) return null;
			held.set(name, count + 1);
			return () => {
				held.set(name, (held.get(name) ?? 0) - 1);
				return Promise.resolve();
			};
		},
	};
	return { slots, held, calls };
}

async function startHosts(count = 2): Promise<string[]> {
	standins = await Promise.all(Array.from({ length: count }, () => startOllamaStandin({ firstTokenMs: 80 })));
	return standins.map((standin) => standin.url);
}

function createProcess(hosts: string[], slots?: SharedSlots, logger = captureLogger('silent').logger): Llm {
	return createLlm({ hosts, model: 'mistral', concurrency: 1, timeoutMs: TIMEOUT_MS, logger, slots });
}

const askMany = (llms: Llm[], each: number) =>
	Promise.all(
		llms.flatMap((llm) =>
			Array.from({ length: each }, () => llm.structured({ schema: SCHEMA, system: 'describe', user: 'calm' })),
		),
	);

describe('shared slots', () => {
	it('keep the per-host limit across two processes', async () => {
		const hosts = await startHosts();
		const { slots, held, calls } = createMemorySlots();
		const answers = await askMany([createProcess(hosts, slots), createProcess(hosts, slots)], 4);
		expect(answers).toHaveLength(8);
		expect(standins.map((standin) => standin.maxInFlight)).toEqual([1, 1]);
		expect(standins.map((standin) => standin.chatRequests.length > 0)).toEqual([true, true]);
		// Every slot handed out came back, named per host and leased a little longer than a request may take.
		expect([...held.values()]).toEqual([0, 0]);
		expect(calls[0]).toEqual({ name: `ollama:${hosts[0]}`, limit: 1, leaseMs: TIMEOUT_MS + 5_000 });
	});

	it('are what holds the limit: without them two processes double the load on a host', async () => {
		const hosts = await startHosts();
		await askMany([createProcess(hosts), createProcess(hosts)], 4);
		expect(standins.map((standin) => standin.maxInFlight)).toEqual([2, 2]);
	});

	it('fall back to the limit of this process when the store cannot be reached', async () => {
		const hosts = await startHosts();
		const { logger, lines } = captureLogger('warn');
		const broken: SharedSlots = { acquireSlot: () => Promise.reject(new Error('connection lost')) };
		const answers = await askMany([createProcess(hosts, broken, logger)], 4);
		expect(answers).toHaveLength(4);
		expect(standins.map((standin) => standin.maxInFlight)).toEqual([1, 1]);
		expect(lines.some((line) => line.includes('shared LLM slots unavailable'))).toBe(true);
	});

	it('count a failure once when a request was handed the host while the store was still answering', async () => {
		const [host] = await startHosts(1);
		await standins[0]!.setFault({ kind: 'down' });
		// The first slot comes at once; the second only once the first request has failed and marked the host down.
		let openGate = () => {};
		const gate = new Promise<void>((resolve) => (openGate = resolve));
		let asked = 0;
		const slots: SharedSlots = {
			acquireSlot: async () => {
				if (asked++ > 0) await gate;
				return () => Promise.resolve();
			},
		};
		const clock = 5_000_000;
		const llm = createLlm({
			hosts: [host!],
			model: 'mistral',
			concurrency: 2,
			timeoutMs: TIMEOUT_MS,
			logger: captureLogger('silent').logger,
			slots,
			now: () => clock,
		});
		const ask = () => llm.structured({ schema: SCHEMA, system: 'describe', user: 'calm' });
		const [first, second] = [ask(), ask()];
		await expect(first).rejects.toBeInstanceOf(UpstreamUnreachableError);
		openGate();
		await expect(second).rejects.toBeInstanceOf(UpstreamUnreachableError);
		// One outage, one cooldown: not doubled as if the host had failed twice in a row.
		expect(llm.hostStates()[0]!.downUntil).toBe(new Date(clock + HOST_COOLDOWN_MS).toISOString());
	});
});

describe('shared slots between processes take turns', () => {
	it('a process that gives a slot back does not take it again while another process waits', async () => {
		const [host] = await startHosts(1);
		const url = tempDatabaseUrl();
		const [storeA, storeB] = [await createStore(url), await createStore(url)];
		try {
			const [a, b] = [createProcess([host!], storeA), createProcess([host!], storeB)];
			const ask = (llm: Llm, user: string) => llm.structured({ schema: SCHEMA, system: 'describe', user });
			const fromA = ['a1', 'a2', 'a3'].map((user) => ask(a, user));
			await standins[0]!.waitForRequests((requests) => requests.length >= 1);
			const fromB = ask(b, 'b1');
			await Promise.all([...fromA, fromB]);
			const order = standins[0]!.chatRequests.map((body) => body.messages.at(-1)?.content);
			// b1 waited while a1 ran: it comes next, before a's own second and third.
			expect(order).toEqual(['a1', 'b1', 'a2', 'a3']);
		} finally {
			await Promise.all([storeA.close(), storeB.close()]);
		}
	});
});
