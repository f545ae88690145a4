import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';

/** One keyed collection in the store ("cache", "draft", …); values are plain JSON data. */
export interface Collection<T> {
	get(key: string): Promise<T | undefined>;
	set(key: string, value: T, ttlMs?: number): Promise<void>;
	delete(key: string): Promise<boolean>;
}

export interface Store {
	collection<T>(name: string): Collection<T>;
	ping(): Promise<boolean>;
	/** keyv deletes an expired row only when it is read; this sweeps the rest. */
	purgeExpired(): Promise<void>;
	close(): Promise<void>;
}

export class StoreError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'StoreError';
	}
}

const TABLE = 'promptlist';

function sqlitePath(databaseUrl: string): string {
	return databaseUrl.replace(/^sqlite:\/\//, '');
}

/**
 * mkdir words a file where a folder should be as EEXIST/ENOTDIR, and SQLite a folder where the file should be as
 * "unable to open database file": neither says what to change, so add it.
 */
async function placementHint(path: string, error: unknown): Promise<string> {
	const code = (error as { code?: string }).code;
	if (code === 'EEXIST' || code === 'ENOTDIR') return ' (a file is in the way: the path needs a folder there)';
	const folder = await stat(path).then(
		(stats) => stats.isDirectory(),
		() => false,
	);
	return folder ? ' (it is a folder: DATABASE_URL must name a file)' : '';
}

/** Opens (and creates, with its folder) the SQLite file behind keyv; fails with a clear StoreError. */
export async function createStore(databaseUrl: string): Promise<Store> {
	const path = sqlitePath(databaseUrl);
	const memory = path === ':memory:';
	try {
		if (!memory) await mkdir(dirname(resolve(path)), { recursive: true });
	} catch (error) {
		const reason = `${(error as Error).message}${await placementHint(path, error)}`;
		throw new StoreError(`cannot create the folder for the database ${path}: ${reason}`, { cause: error });
	}
	const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, table: TABLE, busyTimeout: 5_000 });
	// The adapter re-emits connection errors; they surface through the queries below instead.
	adapter.on('error', () => undefined);
	try {
		// WAL lets readers and the writer work at once; @keyv/sqlite 4.0.8 ignores its `wal` option.
		if (!memory) await adapter.query('PRAGMA journal_mode=WAL');
		// Prove the file is writable now rather than on the first user's click.
		await adapter.query(
			`INSERT INTO ${TABLE}(key, value) VALUES('store:probe', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		);
	} catch (error) {
		await adapter.close().catch(() => undefined);
		const reason = `${(error as Error).message}${await placementHint(path, error)}`;
		throw new StoreError(`cannot open the database ${path} for writing: ${reason}`, { cause: error });
	}
	const keyv = new Keyv({ store: adapter, useKeyPrefix: false, throwOnErrors: true });
	keyv.on('error', () => undefined);

	return {
		collection<T>(name: string): Collection<T> {
			const key = (id: string) => `${name}:${id}`;
			return {
				get: async (id) => (await keyv.get<T>(key(id))) ?? undefined,
				set: async (id, value, ttlMs) => {
					const ok = await keyv.set(key(id), value, ttlMs);
					if (!ok) throw new StoreError(`could not write ${name} to the store`);
				},
				delete: (id) => keyv.delete(key(id)),
			};
		},
		ping: async () => {
			try {
				await adapter.query('SELECT 1');
				return true;
			} catch {
				return false;
			}
		},
		purgeExpired: async () => {
			await adapter.query(
				`DELETE FROM ${TABLE} WHERE json_valid(value) AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') < ?`,
				Date.now(),
			);
		},
		close: () => keyv.disconnect(),
	};
}
