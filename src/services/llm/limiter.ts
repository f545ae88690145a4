import type { QueueListener } from './leaseQueue.js';

export interface Limiter {
	run<T>(task: () => Promise<T>, onQueued?: QueueListener): Promise<T>;
	readonly active: number;
	readonly waiting: number;
	/** The most tasks that ever ran at once; for tests and benchmarks. */
	readonly maxActive: number;
}

interface Waiter {
	start: () => void;
	onQueued: QueueListener | undefined;
}

/** A FIFO semaphore: at most `max` tasks at once, the rest told their place in the queue. */
export function createLimiter(max: number): Limiter {
	let active = 0;
	let maxActive = 0;
	const queue: Waiter[] = [];

	const announce = () => queue.forEach((waiter, index) => waiter.onQueued?.(index));

	// A finishing task hands its slot straight to the next waiter, so a newcomer can't jump the queue.
	function release(): void {
		const next = queue.shift();
		if (!next) {
			active--;
			return;
		}
		next.start();
		announce();
	}

	async function run<T>(task: () => Promise<T>, onQueued?: QueueListener): Promise<T> {
		if (active >= max) {
			await new Promise<void>((resolve) => {
				queue.push({ start: resolve, onQueued });
				onQueued?.(queue.length - 1);
			});
		} else {
			active++;
		}
		maxActive = Math.max(maxActive, active);
		try {
			return await task();
		} finally {
			release();
		}
	}

	return {
		run,
		get active() {
			return active;
		},
		get waiting() {
			return queue.length;
		},
		get maxActive() {
			return maxActive;
		},
	};
}
