import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.js';
import type { Store } from './storeContract.js';

// Work that must happen once across processes (one pipeline run per prompt, one save per draft and user): the
// process that claims the key does it, the others wait for what it leaves in the store.

export interface ClaimOrWaitOptions<T> {
	store: Pick<Store, 'claim' | 'release'>;
	key: string;
	/** How long a claim lives: a claimer that dies frees the key after this, and a waiter then takes over. */
	ttlMs: number;
	/** How often a waiter looks again (default CLAIM_POLL_MS). */
	pollMs?: number;
	/** The finished work, once some process has done it. */
	find: () => Promise<T | undefined>;
	/** Called once when another process holds the claim and the wait begins. */
	onWait?: () => void;
}

export const CLAIM_POLL_MS = 150;
/** Short, as withClaim renews it while the work runs: after a crash the work is free again within this. */
export const CLAIM_TTL_MS = 10_000;

export type ClaimOutcome<T> = { claimed: true } | { claimed: false; found: T };

/**
 * Resolves `{ claimed: true }` when the caller now holds the claim and must do the work (then `store.release(key)`),
 * or with what another process finished meanwhile. It waits at most about one claim lifetime per holder: a claim is
 * released when its work ends, or expires.
 */
export async function claimOrWait<T>(options: ClaimOrWaitOptions<T>): Promise<ClaimOutcome<T>> {
	const { store, key, ttlMs, find } = options;
	for (let attempt = 0; ; attempt++) {
		const claimed = await store.claim(key, ttlMs);
		// Looked for after claiming too: the previous holder may have finished between our lookup and its release.
		const found = await find();
		if (found !== undefined) {
			if (claimed) await store.release(key);
			return { claimed: false, found };
		}
		if (claimed) return { claimed: true };
		if (attempt === 0) options.onWait?.();
		await sleep(options.pollMs ?? CLAIM_POLL_MS);
	}
}

export interface HeldClaim {
	store: Pick<Store, 'extend' | 'release'>;
	key: string;
	ttlMs: number;
	logger: Pick<Logger, 'warn'>;
	/** Wait for the release before returning, for a claim the caller's next request must find free. Default false. */
	awaitRelease?: boolean;
}

/**
 * Runs `work` while holding the claim it won, renewing it every third of its lifetime, then releases it. So the
 * claim can be short (a killed process frees it within `ttlMs`) however long the work takes. A failed renewal or
 * release is only logged: at worst another process repeats the work, or waits until the claim expires.
 */
export async function withClaim<T>(claim: HeldClaim, work: () => Promise<T>): Promise<T> {
	const { store, key, ttlMs, logger } = claim;
	const renew = async () => {
		const held = await store.extend(key, ttlMs).catch(() => false);
		if (!held) logger.warn({ claim: key }, 'lost a claim while working; another process may repeat this work');
	};
	const heartbeat = setInterval(() => void renew(), ttlMs / 3).unref();
	try {
		return await work();
	} finally {
		clearInterval(heartbeat);
		// Off the caller's path unless asked: waiters look for the result, stored before this, not for the release.
		const released = store.release(key).catch((error: unknown) => {
			logger.warn({ err: error, claim: key }, 'could not release a claim; it expires by itself');
		});
		if (claim.awaitRelease) await released;
	}
}
