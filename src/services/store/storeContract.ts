import type Keyv from 'keyv';

// What every store backend offers, kept apart from store.ts so the backends can use it without an import cycle.

/** One keyed collection in the store ("cache", "draft", …); values are plain JSON data. */
export interface Collection<T> {
	get(key: string): Promise<T | undefined>;
	set(key: string, value: T, ttlMs?: number): Promise<void>;
	delete(key: string): Promise<boolean>;
}

export type StoreKind = 'sqlite' | 'redis';

/**
 * Waiting processes take turns: with a line, a free slot goes only to the process that has waited longest (among
 * those still asking, within SLOT_LINE_TTL_MS), so one that just gave a slot back does not take it straight again
 * while another waits. Being served takes the waiter out of the line; several slots (hosts) may share one line.
 */
export interface SlotLine {
	line: string;
	waiter: string;
}

/** A waiter that has not asked again for this long has left the line (its process died or stopped waiting). */
export const SLOT_LINE_TTL_MS = 3_000;

/** Gives a slot of acquireSlot back; calling it again does nothing. */
export type SlotRelease = () => Promise<void>;

/** A SlotRelease that runs `giveBack` on its first call only. */
export function releaseOnce(giveBack: () => Promise<unknown>): SlotRelease {
	let released = false;
	return async () => {
		if (released) return;
		released = true;
		await giveBack();
	};
}

export interface Store {
	readonly kind: StoreKind;
	collection<T>(name: string): Collection<T>;
	/**
	 * Takes `key` for `ttlMs` when nobody holds it (or the holder's claim expired): true for exactly one of any
	 * number of callers, across every process on this store.
	 */
	claim(key: string, ttlMs: number): Promise<boolean>;
	/**
	 * Keeps a claim this handle holds for `ttlMs` from now, so long work can hold a short claim (and a killed process
	 * frees it soon); false when the claim was lost (it expired and someone else may have taken it).
	 */
	extend(key: string, ttlMs: number): Promise<boolean>;
	/** Gives back a claim this store handle won; a claim it does not hold (any more) is left alone. */
	release(key: string): Promise<void>;
	/**
	 * A counting semaphore shared by every process on this store: a release function when one of `limit` slots of
	 * `name` was free, else null. A lease ends by itself after `leaseMs`, so a killed process frees its slot.
	 */
	acquireSlot(name: string, limit: number, leaseMs: number, line?: SlotLine): Promise<SlotRelease | null>;
	ping(): Promise<boolean>;
	/** keyv deletes an expired SQLite row only when it is read; this sweeps the rest. Redis expires keys itself. */
	purgeExpired(): Promise<void>;
	/**
	 * After deleting a user's data: makes the deleted values unrecoverable from the database files (SQLite overwrites
	 * deleted content with secure_delete and truncates its write-ahead log); Redis removed its keys already.
	 */
	compact(): Promise<void>;
	close(): Promise<void>;
}

export class StoreError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'StoreError';
	}
}

/** A collection over keyv; keys are `<name>:<id>` (the Redis adapter adds its `promptlist:` namespace). */
export function createKeyvCollection<T>(keyv: Keyv, name: string): Collection<T> {
	const key = (id: string) => `${name}:${id}`;
	return {
		get: async (id) => (await keyv.get<T>(key(id))) ?? undefined,
		set: async (id, value, ttlMs) => {
			const ok = await keyv.set(key(id), value, ttlMs);
			if (!ok) throw new StoreError(`could not write ${name} to the store`);
		},
		delete: (id) => keyv.delete(key(id)),
	};
}
