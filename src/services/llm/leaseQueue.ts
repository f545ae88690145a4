/** Called with how many waiters are ahead of this one (0 = next to be served); not called once it is served. */
export type QueueListener = (ahead: number) => void;

import { LlmBusyError, LlmWaitExpiredError } from './llmErrors.js';

// One FIFO queue in front of places that are handed out asynchronously (a shared slot is a round trip to the store).

/** What `tryLease` found: a place, or none and whether to look again shortly without waiting for a release. */
export type LeaseAttempt<L> = { lease: L } | { pollSoon: boolean };

/** How a request waits: told its place, and dropped if still waiting at `notAfter` (epoch ms). */
export interface WaitOptions {
	onQueued?: QueueListener;
	notAfter?: number;
}

export interface AcquireOptions extends WaitOptions {
	/** Skips the line (for a retry); never refused for a full line. */
	front?: boolean;
}

export interface LeaseQueue<R, L> {
	/** Resolves with a place for `request` once everyone ahead has one. */
	acquire(request: R, options?: AcquireOptions): Promise<L>;
	/** Call when a place may have come free. */
	pump(): void;
	readonly waiting: number;
}

interface Waiter<R, L> {
	request: R;
	start: (lease: L) => void;
	drop: (error: Error) => void;
	onQueued: QueueListener | undefined;
	notAfter: number | undefined;
	announced?: number;
}

/** The line, and whether a pass over it is running or due again. */
interface QueueState<R, L> {
	readonly tryLease: (request: R) => Promise<LeaseAttempt<L>>;
	readonly pollMs: number;
	readonly maxWaiting: number;
	readonly waiters: Waiter<R, L>[];
	pumping: boolean;
	pumpAgain: boolean;
	poll: NodeJS.Timeout | undefined;
}

/** Reports changed places only, so polling does not repeat "you are #3" every few milliseconds. */
function announce<R, L>(waiters: Waiter<R, L>[]): void {
	waiters.forEach((waiter, index) => {
		if (waiter.announced === index) return;
		waiter.announced = index;
		waiter.onQueued?.(index);
	});
}

/** Hands out places from the front of the line until none is found; looks again soon when one may come. */
async function serve<R, L>(state: QueueState<R, L>): Promise<void> {
	const { waiters } = state;
	dropExpired(waiters);
	for (let head = waiters[0]; head; head = waiters[0]) {
		const attempt = await state.tryLease(head.request);
		if (!('lease' in attempt)) {
			if (attempt.pollSoon && !state.poll) state.poll = setTimeout(() => pollNow(state), state.pollMs);
			break;
		}
		// Not shift(): a retry may have gone to the front while tryLease was out; it must stay in line.
		waiters.splice(waiters.indexOf(head), 1);
		head.start(attempt.lease);
	}
	announce(waiters);
}

/** Waiters whose answer could no longer be used leave before they take a place. */
function dropExpired<R, L>(waiters: Waiter<R, L>[]): void {
	const now = Date.now();
	for (const waiter of waiters.filter((candidate) => candidate.notAfter !== undefined && candidate.notAfter <= now)) {
		waiters.splice(waiters.indexOf(waiter), 1);
		waiter.drop(new LlmWaitExpiredError());
	}
}

function pollNow<R, L>(state: QueueState<R, L>): void {
	state.poll = undefined;
	pump(state);
}

// One pass at a time: with an async tryLease, two passes could hand the same place out twice.
function pump<R, L>(state: QueueState<R, L>): void {
	if (state.pumping) {
		state.pumpAgain = true;
		return;
	}
	state.pumping = true;
	void (async () => {
		try {
			do {
				state.pumpAgain = false;
				await serve(state);
			} while (state.pumpAgain);
		} finally {
			state.pumping = false;
		}
	})();
}

function enqueue<R, L>(state: QueueState<R, L>, request: R, options: AcquireOptions): Promise<L> {
	return new Promise((start, drop) => {
		if (!options.front && state.waiters.length >= state.maxWaiting) {
			drop(new LlmBusyError(state.waiters.length));
			return;
		}
		const waiter = { request, start, drop, onQueued: options.onQueued, notAfter: options.notAfter };
		if (options.front) state.waiters.unshift(waiter);
		else state.waiters.push(waiter);
		pump(state);
	});
}

/** `maxWaiting`: more waiters than this are refused at once with LlmBusyError (default: no limit). */
export function createLeaseQueue<R, L>(
	tryLease: (request: R) => Promise<LeaseAttempt<L>>,
	pollMs: number,
	maxWaiting = Infinity,
): LeaseQueue<R, L> {
	const state: QueueState<R, L> = {
		tryLease,
		pollMs,
		maxWaiting,
		waiters: [],
		pumping: false,
		pumpAgain: false,
		poll: undefined,
	};
	return {
		acquire: (request, options = {}) => enqueue(state, request, options),
		pump: () => pump(state),
		get waiting() {
			return state.waiters.length;
		},
	};
}
