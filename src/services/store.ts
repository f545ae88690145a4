import { createRedisStore } from './redisStore.js';
import { createSqliteStore } from './sqliteStore.js';
import type { Store } from './storeContract.js';

export { StoreError, type Collection, type SlotRelease, type Store, type StoreKind } from './storeContract.js';

/**
 * The one place that picks the store behind keyv: `redis://` or `rediss://` is shared by every process of the bot
 * (cache, drafts, OAuth states, links, save records, claims), anything else is the SQLite file (config only lets
 * `sqlite://…` through). Fails with a StoreError that names the database, never its password.
 */
export function createStore(databaseUrl: string): Promise<Store> {
	return /^rediss?:\/\//i.test(databaseUrl) ? createRedisStore(databaseUrl) : createSqliteStore(databaseUrl);
}
