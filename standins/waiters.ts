// A condition a test can await instead of sleeping: checked at once and again each time its owner calls notify(),
// e.g. after each request a stand-in recorded or each line a logger wrote.

export interface Waiters {
	notify(): void;
	/** Resolves once condition() holds; rejects, saying `what` it waited for, after timeoutMs. */
	until(condition: () => boolean, timeoutMs: number, what: string): Promise<void>;
}

export function createWaiters(): Waiters {
	const checks = new Set<() => void>();
	return {
		notify: () => {
			for (const check of [...checks]) check();
		},
		until: (condition, timeoutMs, what) =>
			new Promise((resolve, reject) => {
				const finish = (error?: Error) => {
					clearTimeout(timer);
					checks.delete(check);
					if (error) reject(error);
					else resolve();
				};
				const check = () => {
					try {
						if (condition()) finish();
					} catch (error) {
						finish(error instanceof Error ? error : new Error(`${what}: the condition threw`));
					}
				};
				const timer = setTimeout(() => finish(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
				checks.add(check);
				check();
			}),
	};
}
