/** Called with how many waiters are ahead of this one (0 = next to be served); not called once it is served. */
export type QueueListener = (ahead: number) => void;

// One FIFO queue in front of places that are handed out asynchronously (a shared slot is a round trip to the store).

/** What `tryLease` found: a place, or none and whether to look again shortly without waiting for a release. */
export type LeaseAttempt<L> = { lease: L } | { pollSoon: boolean };

export interface LeaseQueue<R, L> {
	/** Resolves with a place for `request` once everyone ahead has one; `front` skips the line (for a retry). */
	acquire(request: R, options?: { onQueued?: QueueListener; front?: boolean }): Promise<L>;
	/** Call when a place may have come free. */
	pump(): void;
	readonly waiting: number;
}

interface Waiter<R, L> {
	request: R;
	start: (lease: L) => void;
	onQueued: QueueListener | undefined;
	announced?: number;
}

export function createLeaseQueue<R, L>(
	tryLease: (request: R) => Promise<LeaseAttempt<L>>,
	pollMs: number,
): LeaseQueue<R, L> {
	const queue: Waiter<R, L>[] = [];
	let pumping = false;
	let pumpAgain = false;
	let poll: NodeJS.Timeout | undefined;

	/** Reports changed places only, so polling does not repeat "you are #3" every few milliseconds. */
	function announce(): void {
		queue.forEach((waiter, index) => {
			if (waiter.announced === index) return;
			waiter.announced = index;
			waiter.onQueued?.(index);
		});
	}

	async function serve(): Promise<void> {
		for (let head = queue[0]; head; head = queue[0]) {
			const attempt = await tryLease(head.request);
			if (!('lease' in attempt)) {
				if (attempt.pollSoon && !poll) poll = setTimeout(pollNow, pollMs);
				break;
			}
			// Not shift(): a retry may have gone to the front while tryLease was out; it must stay in line.
			queue.splice(queue.indexOf(head), 1);
			head.start(attempt.lease);
		}
		announce();
	}

	function pollNow(): void {
		poll = undefined;
		pump();
	}

	// One pass at a time: with an async tryLease, two passes could hand the same place out twice.
	function pump(): void {
		if (pumping) {
			pumpAgain = true;
			return;
		}
		pumping = true;
		void (async () => {
			try {
				do {
					pumpAgain = false;
					await serve();
				} while (pumpAgain);
			} finally {
				pumping = false;
			}
		})();
	}

	return {
		acquire: (request, options = {}) =>
			new Promise<L>((start) => {
				const waiter = { request, start, onQueued: options.onQueued };
				if (options.front) queue.unshift(waiter);
				else queue.push(waiter);
				pump();
			}),
		pump,
		get waiting() {
			return queue.length;
		},
	};
}
