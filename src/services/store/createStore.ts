import type { Store } from './storeContract.js';

export { StoreError, type Collection, type SlotRelease, type Store, type StoreKind } from './storeContract.js';

/**
 * The one place that picks the store behind keyv: `redis://` or `rediss://` is shared by every process of the bot
 * (cache, drafts, OAuth states, links, save records, claims), anything else is the SQLite file (config only lets
 * `sqlite://…` through). Fails with a StoreError that names the database, never its password.
 */
export async function createStore(databaseUrl: string): Promise<Store> {
	// Loaded on demand: a bot on SQLite never pays the Redis client's memory, nor one on Redis sqlite3's.
	if (/^rediss?:\/\//i.test(databaseUrl)) return (await import('./redisStore.js')).createRedisStore(databaseUrl);
	return (await import('./sqliteStore.js')).createSqliteStore(databaseUrl);
}
