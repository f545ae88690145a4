import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Store } from './storeContract.js';

// Entries handed out as a random one-time token (32 bytes, base64url): stored under the token's SHA-256, so a
// database read yields no usable token, and taken at most once across every process sharing the store.

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface OneTimeEntriesOptions<T> {
	collection: Collection<T>;
	claims: Pick<Store, 'claim'>;
	/** Prefix of the claims that make a take single-use, e.g. "oauth-state". */
	name: string;
	ttlMs: number;
}

export interface OneTimeEntries<T> {
	/** Stores the value `make` returns for the entry's store key; returns the token that takes it. */
	put(make: (key: string) => T): Promise<string>;
	/**
	 * The entry with its store key, once; null when the token is malformed, unknown, already taken or not `usable`.
	 * An unknown token costs one read and leaves nothing behind: only entries that exist are claimed.
	 */
	take(token: string, usable?: (value: T) => boolean): Promise<{ key: string; value: T } | null>;
}

export function createOneTimeEntries<T>(options: OneTimeEntriesOptions<T>): OneTimeEntries<T> {
	const { collection, claims, name, ttlMs } = options;
	return {
		async put(make) {
			const token = randomBytes(32).toString('base64url');
			const key = keyOf(token);
			await collection.set(key, make(key), ttlMs);
			return token;
		},
		async take(token, usable = () => true) {
			if (!TOKEN_PATTERN.test(token)) return null;
			const key = keyOf(token);
			const value = await collection.get(key);
			if (value === undefined || !usable(value)) return null;
			// The store's delete is not atomic (read, then delete): an atomic claim decides which of two racing takes,
			// in this process or another, gets the entry. It outlives the entry.
			if (!(await claims.claim(`${name}:${key}`, ttlMs))) return null;
			await collection.delete(key);
			return { key, value };
		},
	};
}
