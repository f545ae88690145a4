import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
	/** Total tries, the first included. */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

/** What to do after a failed try: give up (rethrow `error`), or wait and try again. */
export type RetryDecision = { retry: false; error: unknown } | { retry: true; delayMs?: number };

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Exponential backoff with full jitter, so retries from many callers don't line up. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `task` until it succeeds, `decide` gives up, or the attempts run out.
 * `decide` sees every failure and may name a delay (e.g. from Retry-After).
 */
export async function withRetry<T>(
	task: (attempt: number) => Promise<T>,
	decide: (error: unknown, attempt: number) => RetryDecision,
	policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await task(attempt);
		} catch (error) {
			const decision = decide(error, attempt);
			if (!decision.retry) throw decision.error;
			if (attempt >= policy.attempts) throw error;
			await sleep(decision.delayMs ?? backoffDelay(policy, attempt));
		}
	}
}

/**
 * Runs `task`, and once more when it fails with an error `retryable` accepts (`onRetry` hears of it first). A failure
 * not retried, or the second one, goes to `fallBack` with the number of tries made, and its answer is returned.
 */
export async function retryOnceThenFallBack<T>(steps: {
	task: () => Promise<T>;
	retryable: (error: unknown) => boolean;
	onRetry: (error: unknown) => void;
	fallBack: (error: unknown, tries: 1 | 2) => T | Promise<T>;
}): Promise<T> {
	try {
		return await steps.task();
	} catch (error) {
		if (!steps.retryable(error)) return steps.fallBack(error, 1);
		steps.onRetry(error);
	}
	try {
		return await steps.task();
	} catch (error) {
		return steps.fallBack(error, 2);
	}
}

export class TimeoutError extends Error {
	constructor(readonly ms: number) {
		super(`timed out after ${ms} ms`);
		this.name = 'TimeoutError';
	}
}

/** Rejects with TimeoutError when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
