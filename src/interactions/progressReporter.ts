export interface ProgressReporter {
	/** Shows `text` soon: at once, or when the minimum interval since the last edit has passed. */
	report(text: string): void;
	/** Drops any progress not yet shown and waits for edits in flight, before the final reply. */
	flush(): Promise<void>;
}

/**
 * Progress edits at most once per `minIntervalMs` (Discord rate-limits edits), newest text wins,
 * edits strictly in order so a late progress edit can never overwrite the final reply.
 */
export function createProgressReporter(
	edit: (text: string) => Promise<unknown>,
	onError: (error: unknown) => void,
	minIntervalMs = 1_000,
): ProgressReporter {
	let lastSentAt = -Infinity;
	let lastText: string | null = null;
	let pendingText: string | null = null;
	let timer: NodeJS.Timeout | null = null;
	let chain: Promise<unknown> = Promise.resolve();

	function send(): void {
		timer = null;
		const text = pendingText;
		pendingText = null;
		if (text === null || text === lastText) return;
		lastText = text;
		lastSentAt = performance.now();
		chain = chain.then(() => edit(text)).catch(onError);
	}

	return {
		report(text) {
			if (text === lastText && pendingText === null) return;
			pendingText = text;
			if (timer) return;
			timer = setTimeout(send, Math.max(0, lastSentAt + minIntervalMs - performance.now()));
		},
		async flush() {
			if (timer) clearTimeout(timer);
			timer = null;
			pendingText = null;
			await chain;
		},
	};
}
