import { withStoreLock } from './storeLock.js';
import type { Collection, Store } from './storeContract.js';

// How often one user may do something costly (make a playlist, save one) in a sliding window, counted in the store so
// the limit holds across every shard and instance. Each user's count is read and written under a short claim.

export interface UserRateLimitOptions {
	store: Pick<Store, 'claim' | 'release' | 'collection'>;
	/** What is counted, e.g. "playlist"; part of the store keys. */
	name: string;
	limit: number;
	windowMs: number;
	now?: () => number;
}

export type RateDecision = { allowed: true; at: number } | { allowed: false; retryInMs: number };

export interface UserRateLimit {
	readonly limit: number;
	readonly windowMs: number;
	/** Counts one more for the user when the window has room; else says how long until it has. */
	take(userId: string): Promise<RateDecision>;
	/** Takes back a count `take` made at `at`, for work that turned out to cost nothing. */
	giveBack(userId: string, at: number): Promise<void>;
	/** Deletes the user's count (their data, on request). */
	forget(userId: string): Promise<void>;
}

/** Lock and count by user; a lock that stays taken counts loosely rather than refusing the user. */
function underLock<T>(store: UserRateLimitOptions['store'], key: string, work: () => Promise<T>): Promise<T> {
	return withStoreLock({ store, key, onTimeout: work }, work);
}

export function createUserRateLimit(options: UserRateLimitOptions): UserRateLimit {
	const { store, name, limit, windowMs } = options;
	const now = options.now ?? Date.now;
	const counts: Collection<number[]> = store.collection<number[]>(`rate-${name}`);
	const recent = async (userId: string, at: number) =>
		((await counts.get(userId)) ?? []).filter((stamp) => stamp > at - windowMs);
	return {
		limit,
		windowMs,
		take: (userId) =>
			underLock(store, `rate:${name}:${userId}`, async (): Promise<RateDecision> => {
				const at = now();
				const stamps = await recent(userId, at);
				if (stamps.length >= limit) {
					const oldest = Math.min(...stamps);
					return { allowed: false, retryInMs: Math.max(0, oldest + windowMs - at) };
				}
				await counts.set(userId, [...stamps, at], windowMs);
				return { allowed: true, at };
			}),
		giveBack: (userId, at) =>
			underLock(store, `rate:${name}:${userId}`, async () => {
				const stamps = await recent(userId, now());
				const index = stamps.indexOf(at);
				if (index === -1) return;
				stamps.splice(index, 1);
				await counts.set(userId, stamps, windowMs);
			}),
		forget: async (userId) => {
			await counts.delete(userId);
		},
	};
}
