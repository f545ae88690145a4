import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelNotFoundError, UpstreamUnreachableError } from '../../../src/services/errors.js';
import { createLlm, type Llm } from '../../../src/services/llm/createLlm.js';
import { HOST_COOLDOWN_MS } from '../../../src/services/llm/ollamaHostState.js';
import { captureLogger } from '../../../standins/upstreams.js';
import { startOllamaStandin, type OllamaStandin } from '../../../standins/ollama.js';

// Several Ollama stand-ins behind one pool: where requests go, how many run at once per host, and what happens
// when a host fails. The clock is injected so cooldowns pass without waiting.

const SCHEMA = z.object({ suggestions: z.array(z.object({ title: z.string(), artist: z.string() })) });

let standins: OllamaStandin[] = [];
let clock = 1_000_000;
afterEach(async () => {
	await Promise.all(standins.map((standin) => standin.close()));
	standins = [];
});

async function setUp(count: number, options: { concurrency?: number; firstTokenMs?: number } = {}) {
	standins = await Promise.all(
		Array.from({ length: count }, () => startOllamaStandin({ firstTokenMs: options.firstTokenMs ?? 0 })),
	);
	const llm = createLlm({
		hosts: standins.map((standin) => standin.url),
		model: 'mistral',
		concurrency: options.concurrency ?? 2,
		timeoutMs: 5_000,
		logger: captureLogger('silent').logger,
		now: () => clock,
	});
	return { llm, a: standins[0] as OllamaStandin, b: standins[1] as OllamaStandin };
}

const ask = (llm: Llm, onQueued?: (ahead: number) => void, onItem?: (item: unknown) => void) =>
	llm.structured({ schema: SCHEMA, system: 'suggest songs', user: 'rock', onQueued, onItem });

const chats = (standin: OllamaStandin) => standin.chatRequests.length;

describe('spreading requests over hosts', () => {
	it('runs hosts × concurrency at once, never more than the limit on one host, and tells the rest their place', async () => {
		const { llm, a, b } = await setUp(2, { concurrency: 2, firstTokenMs: 100 });
		const places: number[][] = Array.from({ length: 8 }, () => []);
		const answers = await Promise.all(places.map((seen) => ask(llm, (ahead) => seen.push(ahead))));
		expect(answers.every((answer) => Array.isArray(answer.suggestions))).toBe(true);
		expect([a.maxInFlight, b.maxInFlight]).toEqual([2, 2]);
		expect(llm.limiter.maxActive).toBe(4);
		expect(chats(a) + chats(b)).toBe(8);
		// The first four started at once; the others heard their place in arrival order, and only ever moved up.
		expect(places.slice(0, 4)).toEqual([[], [], [], []]);
		expect(places.slice(4).map((seen) => seen[0])).toEqual([0, 1, 2, 3]);
		for (const seen of places) expect([...seen].sort((x, y) => y - x)).toEqual(seen);
		expect(llm.limiter).toMatchObject({ active: 0, waiting: 0 });
	});

	it('sends one request at a time to the host idle longest, so both stay warm', async () => {
		const { llm, a, b } = await setUp(2);
		for (let i = 0; i < 4; i++) await ask(llm);
		expect([chats(a), chats(b)]).toEqual([2, 2]);
	});
});

describe('a failing host', () => {
	it('moves all work to the other host when one is down, with no failed request', async () => {
		const { llm, a, b } = await setUp(2, { firstTokenMs: 20 });
		await a.setFault({ kind: 'down' });
		const answers = await Promise.all(Array.from({ length: 6 }, () => ask(llm)));
		expect(answers).toHaveLength(6);
		expect(chats(b)).toBe(6);
		expect(llm.hostStates()).toMatchObject([
			{ host: a.url, healthy: false, inFlight: 0, downUntil: new Date(clock + HOST_COOLDOWN_MS).toISOString() },
			{ host: b.url, healthy: true, inFlight: 0, downUntil: null },
		]);
	});

	it('skips a host until its cooldown ends, then uses it again once it answers', async () => {
		const { llm, a, b } = await setUp(2);
		await a.setFault({ kind: 'down' });
		await ask(llm);
		await a.setFault(null);
		for (let i = 0; i < 3; i++) await ask(llm);
		expect([chats(a), chats(b)]).toEqual([0, 4]);
		clock += HOST_COOLDOWN_MS;
		for (let i = 0; i < 4; i++) await ask(llm);
		expect(chats(a)).toBe(2);
		expect(llm.hostStates().map((state) => state.healthy)).toEqual([true, true]);
	});

	it('retries a request that dies mid-answer on the other host', async () => {
		const { llm, a, b } = await setUp(2, { concurrency: 1, firstTokenMs: 150 });
		const streamed = Promise.all([ask(llm, undefined, () => undefined), ask(llm, undefined, () => undefined)]);
		// One request per host (concurrency 1): both are answering once each host has its request.
		await Promise.all([a, b].map((host) => host.waitForRequests(() => host.inFlight === 1)));
		expect(a.inFlight + b.inFlight).toBe(2);
		await a.close();
		expect(await streamed).toHaveLength(2);
		expect(chats(b)).toBe(2);
	});

	it('retries a 500 on the other host and marks the failing one down', async () => {
		const { llm, a, b } = await setUp(2);
		await a.setFault({ kind: 'status', status: 500 });
		await ask(llm);
		expect([chats(a), chats(b)]).toEqual([1, 1]);
		expect(llm.hostStates()[0]?.healthy).toBe(false);
	});

	it('does not blame the host for a model it has not pulled', async () => {
		const { llm, a, b } = await setUp(2);
		a.failNext({ kind: 'model-not-found' });
		await expect(ask(llm)).rejects.toBeInstanceOf(ModelNotFoundError);
		expect([chats(a), chats(b)]).toEqual([1, 0]);
		expect(llm.hostStates().map((state) => state.healthy)).toEqual([true, true]);
	});
});

describe('every host down', () => {
	it('fails fast with a typed error after trying each host once', async () => {
		const { llm, a, b } = await setUp(2);
		await Promise.all([a.setFault({ kind: 'down' }), b.setFault({ kind: 'down' })]);
		const started = performance.now();
		await expect(ask(llm)).rejects.toBeInstanceOf(UpstreamUnreachableError);
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(llm.hostStates().map((state) => state.healthy)).toEqual([false, false]);
		expect(await llm.ping()).toBe(false);
	});

	it('finds a lone host again as soon as it is back, cooldown or not', async () => {
		const { llm, a } = await setUp(1);
		await a.setFault({ kind: 'down' });
		await expect(ask(llm)).rejects.toBeInstanceOf(UpstreamUnreachableError);
		await a.setFault(null);
		await ask(llm);
		expect(chats(a)).toBe(1);
		expect(llm.hostStates()[0]?.healthy).toBe(true);
	});

	it('tries the host whose cooldown ends first', async () => {
		const { llm, a, b } = await setUp(2);
		await a.setFault({ kind: 'down' });
		await ask(llm);
		clock += 1_000;
		await b.setFault({ kind: 'down' });
		await a.setFault(null);
		// Only a healthy host is worth a retry, so this one fails; now both cool down, b until later.
		await expect(ask(llm)).rejects.toBeInstanceOf(UpstreamUnreachableError);
		await ask(llm);
		expect([chats(a), chats(b)]).toEqual([1, 1]);
	});
});
