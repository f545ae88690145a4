export interface ProgressReporter<T> {
	/** Shows `value` soon: at once, or when the minimum interval since the last edit has passed. */
	report(value: T): void;
	/** Drops any progress not yet shown and waits for edits in flight, before the final reply. */
	flush(): Promise<void>;
}

/**
 * Progress edits at most once per `minIntervalMs` (Discord rate-limits edits), newest value wins, a value equal to
 * the one shown is not sent again, and edits go strictly in order so a late progress edit can never overwrite the
 * final reply.
 */
export function createProgressReporter<T>(
	edit: (value: T) => Promise<unknown>,
	onError: (error: unknown) => void,
	minIntervalMs = 1_000,
): ProgressReporter<T> {
	let lastSentAt = -Infinity;
	let lastShown: string | null = null;
	let pending: { value: T; key: string } | null = null;
	let timer: NodeJS.Timeout | null = null;
	let chain: Promise<unknown> = Promise.resolve();

	function send(): void {
		timer = null;
		const next = pending;
		pending = null;
		if (next === null || next.key === lastShown) return;
		lastShown = next.key;
		lastSentAt = performance.now();
		chain = chain.then(() => edit(next.value)).catch(onError);
	}

	return {
		report(value) {
			// Values are plain data or discord.js builders, which serialize to what is sent.
			const key = JSON.stringify(value);
			if (key === lastShown && pending === null) return;
			pending = { value, key };
			if (timer) return;
			timer = setTimeout(send, Math.max(0, lastSentAt + minIntervalMs - performance.now()));
		},
		async flush() {
			if (timer) clearTimeout(timer);
			timer = null;
			pending = null;
			await chain;
		},
	};
}
