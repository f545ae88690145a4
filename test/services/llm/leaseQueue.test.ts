import { describe, expect, it, vi } from 'vitest';
import { LlmBusyError, LlmWaitExpiredError } from '../../../src/services/llm/llmErrors.js';
import { createLeaseQueue, type LeaseAttempt } from '../../../src/services/llm/leaseQueue.js';

// The queue in front of the Ollama hosts. Places come from an asynchronous tryLease (a round trip to Redis), so the
// line can change while one is being asked for: a failed request's retry goes to the front meanwhile.

/** A tryLease whose answers the test gives by hand, one pending question at a time. */
function manualLeases() {
	const asked: { request: string; answer: (attempt: LeaseAttempt<number>) => void }[] = [];
	let granted = 0;
	const tryLease = (request: string) => new Promise<LeaseAttempt<number>>((answer) => asked.push({ request, answer }));
	const settle = async () => {
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};
	return {
		tryLease,
		asked,
		/** Answers the oldest open question with a fresh place. */
		grant: async () => {
			asked.shift()!.answer({ lease: ++granted });
			await settle();
		},
		refuse: async () => {
			asked.shift()!.answer({ pollSoon: false });
			await settle();
		},
		settle,
	};
}

describe('lease queue', () => {
	it('keeps a retry that went to the front while a place was being asked for, and gives each waiter one place', async () => {
		const leases = manualLeases();
		const queue = createLeaseQueue(leases.tryLease, 60_000);
		const got: Record<string, number[]> = { first: [], retry: [], last: [] };
		const wait = (name: string, front = false) =>
			void queue.acquire(name, { front }).then((lease) => got[name]!.push(lease));

		wait('first');
		await leases.settle();
		expect(leases.asked.map((question) => question.request)).toEqual(['first']);
		// While the store answers for "first", another request fails and comes back for its retry.
		wait('retry', true);
		wait('last');
		await leases.grant();

		expect(got.first).toEqual([1]);
		// Next in line is the retry, not "first" again and not "last".
		expect(leases.asked.map((question) => question.request)).toEqual(['retry']);
		await leases.grant();
		expect(leases.asked.map((question) => question.request)).toEqual(['last']);
		await leases.grant();

		expect(got).toEqual({ first: [1], retry: [2], last: [3] });
		expect(queue.waiting).toBe(0);
		expect(leases.asked).toEqual([]);
	});

	it('serves in order and asks again only when a place may have come free', async () => {
		const leases = manualLeases();
		const queue = createLeaseQueue(leases.tryLease, 60_000);
		const order: string[] = [];
		const wait = (name: string) => void queue.acquire(name).then(() => order.push(name));
		wait('a');
		await leases.settle();
		await leases.refuse();
		// Refused without pollSoon: nothing is asked again by itself.
		expect(leases.asked).toEqual([]);
		expect(queue.waiting).toBe(1);

		// A newcomer does not jump the line: the question is again for "a".
		wait('b');
		await leases.settle();
		expect(leases.asked.map((question) => question.request)).toEqual(['a']);
		await leases.grant();
		await leases.grant();
		expect(order).toEqual(['a', 'b']);
		expect(queue.waiting).toBe(0);
	});
});

describe('a fixed number of places', () => {
	const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

	it('serves at most that many at once, in arrival order, and tells waiters their place', async () => {
		let held = 0;
		let maxHeld = 0;
		const queue = createLeaseQueue<number, number>(() => {
			if (held >= 2) return Promise.resolve({ pollSoon: false });
			maxHeld = Math.max(maxHeld, ++held);
			return Promise.resolve({ lease: held });
		}, 60_000);
		const release = async () => {
			held--;
			queue.pump();
			await tick();
		};
		const order: number[] = [];
		const places = new Map<number, number[]>();
		for (const index of [0, 1, 2, 3, 4]) {
			const onQueued = (ahead: number) => places.set(index, [...(places.get(index) ?? []), ahead]);
			void queue.acquire(index, { onQueued }).then(() => order.push(index));
		}
		await tick();
		expect(order).toEqual([0, 1]);
		expect(queue.waiting).toBe(3);
		await release();
		expect(order).toEqual([0, 1, 2]);
		await release();
		await release();
		expect(order).toEqual([0, 1, 2, 3, 4]);
		expect(maxHeld).toBe(2);
		expect(queue.waiting).toBe(0);
		// Told only when their place changes, down to next in line; those served at once are never told.
		expect(places.get(4)).toEqual([2, 1, 0]);
		expect(places.get(2)).toEqual([0]);
		expect(places.has(0) || places.has(1)).toBe(false);
	});
});

describe('bounds of the line', () => {
	/** A queue with `places` places; taking them and giving them back by hand. */
	function placesQueue(places: number, maxWaiting: number) {
		let free = places;
		const queue = createLeaseQueue<string, () => void>(
			() => {
				if (free === 0) return Promise.resolve({ pollSoon: false });
				free--;
				return Promise.resolve({
					lease: () => {
						free++;
						queue.pump();
					},
				});
			},
			60_000,
			maxWaiting,
		);
		return queue;
	}
	const settle = async () => {
		for (let i = 0; i < 10; i++) await Promise.resolve();
	};

	it('refuses a request at once with LlmBusyError when maxWaiting already wait, but never a retry', async () => {
		const queue = placesQueue(1, 2);
		const held = await queue.acquire('running');
		const waiting = [queue.acquire('second'), queue.acquire('third')];
		await settle();
		expect(queue.waiting).toBe(2);
		await expect(queue.acquire('fourth')).rejects.toBeInstanceOf(LlmBusyError);
		const retry = queue.acquire('retry', { front: true });
		await settle();
		expect(queue.waiting).toBe(3);
		held();
		(await retry)();
		for (const next of waiting) (await next)();
		expect(queue.waiting).toBe(0);
	});

	it('drops a waiter still in line at its notAfter before it takes a place; the next one gets it', async () => {
		vi.useFakeTimers({ now: 1_000_000 });
		try {
			const queue = placesQueue(1, Infinity);
			const held = await queue.acquire('running');
			const late = queue.acquire('late', { notAfter: Date.now() + 60_000 });
			const patient = queue.acquire('patient', { notAfter: Date.now() + 600_000 });
			const lateOutcome = late.catch((error: unknown) => error);
			vi.setSystemTime(Date.now() + 61_000);
			held();
			expect(await lateOutcome).toBeInstanceOf(LlmWaitExpiredError);
			const release = await patient;
			expect(queue.waiting).toBe(0);
			release();
		} finally {
			vi.useRealTimers();
		}
	});
});
