import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from './storeContract.js';

// A short mutual exclusion over the store's claims, for a read-then-write that must not interleave with another
// process's (a user's hourly count, a link being refreshed while it is removed).

const LOCK_TTL_MS = 5_000;
const LOCK_POLL_MS = 20;
const LOCK_ATTEMPTS = 100;

export class StoreLockTimeoutError extends Error {
	constructor(key: string) {
		super(`could not take the lock ${key} within ${(LOCK_POLL_MS * LOCK_ATTEMPTS) / 1000} s`);
		this.name = 'StoreLockTimeoutError';
	}
}

/** The lock: the store's claims, and its name (the claim is `lock:<key>`). */
export interface StoreLock<T> {
	store: Pick<Store, 'claim' | 'release'>;
	key: string;
	/** What stands in for `work`'s result when the lock stays taken; by default a StoreLockTimeoutError. */
	onTimeout?: () => Promise<T>;
}

/** Runs `work` while holding the lock, waiting up to about 2 s for another holder (one that died frees it within 5 s). */
export async function withStoreLock<T>(lock: StoreLock<T>, work: () => Promise<T>): Promise<T> {
	const { store, key } = lock;
	const claim = `lock:${key}`;
	for (let attempt = 0; !(await store.claim(claim, LOCK_TTL_MS)); attempt++) {
		if (attempt >= LOCK_ATTEMPTS)
			return lock.onTimeout ? lock.onTimeout() : Promise.reject(new StoreLockTimeoutError(key));
		await sleep(LOCK_POLL_MS);
	}
	try {
		return await work();
	} finally {
		await store.release(claim);
	}
}
