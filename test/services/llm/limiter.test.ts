import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/services/llm/limiter.js';

// Not a wait for time: setImmediate runs once every promise callback queued before it has run.
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
	it('runs at most max tasks at once, in arrival order, and tells waiters their place', async () => {
		const limiter = createLimiter(2);
		const order: number[] = [];
		const places = new Map<number, number[]>();
		const releases: (() => void)[] = [];
		const tasks = [0, 1, 2, 3, 4].map((index) =>
			limiter.run(
				() =>
					new Promise<void>((resolve) => {
						order.push(index);
						releases[index] = resolve;
					}),
				(ahead) => places.set(index, [...(places.get(index) ?? []), ahead]),
			),
		);
		await settled();
		expect(order).toEqual([0, 1]);
		expect(limiter.waiting).toBe(3);
		releases[0]?.();
		await settled();
		expect(order).toEqual([0, 1, 2]);
		releases[1]?.();
		releases[2]?.();
		await settled();
		releases[3]?.();
		await settled();
		releases[4]?.();
		await Promise.all(tasks);
		expect(order).toEqual([0, 1, 2, 3, 4]);
		expect(limiter.maxActive).toBe(2);
		expect(limiter.active).toBe(0);
		expect(places.get(4)).toEqual([2, 1, 0]);
		expect(places.has(0)).toBe(false);
	});

	it('frees the slot when a task fails', async () => {
		const limiter = createLimiter(1);
		await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
	});
});
