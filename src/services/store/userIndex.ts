import type { Collection, Store } from './storeContract.js';
import { withStoreLock } from './storeLock.js';

// Which records in the store belong to one Discord user (the drafts they asked for, the saves they made), so that
// "delete my data" can find them: keyv cannot list keys by owner. Entries expire with the records they name.

export type UserRecordKind = 'draft' | 'save';

interface IndexEntry {
	key: string;
	expiresAt: number;
}

type StoredIndex = Partial<Record<UserRecordKind, IndexEntry[]>>;

export interface UserIndex {
	/** Notes that `key` (of `kind`) belongs to the user until `ttlMs` from now. */
	add(userId: string, kind: UserRecordKind, key: string, ttlMs: number): Promise<void>;
	/** The user's records of `kind` that have not expired. */
	list(userId: string, kind: UserRecordKind): Promise<string[]>;
	/** Forgets the user's records of `kind` (the records themselves are the caller's to delete). */
	forget(userId: string, kind: UserRecordKind): Promise<void>;
}

export function createUserIndex(store: Pick<Store, 'claim' | 'release' | 'collection'>, now = Date.now): UserIndex {
	const index: Collection<StoredIndex> = store.collection<StoredIndex>('user-records');
	const live = (entries: IndexEntry[] | undefined) => (entries ?? []).filter((entry) => entry.expiresAt > now());
	/** Rewrites the user's index under its lock; kept as long as its longest-lived entry. */
	const update = (userId: string, change: (stored: StoredIndex) => StoredIndex) =>
		withStoreLock({ store, key: `user-records:${userId}` }, async () => {
			const next = change((await index.get(userId)) ?? {});
			const entries = Object.values(next).flat();
			if (entries.length === 0) {
				await index.delete(userId);
				return;
			}
			await index.set(userId, next, Math.max(...entries.map((entry) => entry.expiresAt)) - now());
		});
	return {
		add: (userId, kind, key, ttlMs) =>
			update(userId, (stored) => ({
				...stored,
				[kind]: [...live(stored[kind]).filter((entry) => entry.key !== key), { key, expiresAt: now() + ttlMs }],
			})),
		list: async (userId, kind) => live((await index.get(userId))?.[kind]).map((entry) => entry.key),
		forget: (userId, kind) => update(userId, (stored) => ({ ...stored, [kind]: [] })),
	};
}
