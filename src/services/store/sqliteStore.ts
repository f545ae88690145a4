import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { createTokenClaims } from './claimTokens.js';
import {
	createKeyvCollection,
	releaseOnce,
	SLOT_LINE_TTL_MS,
	StoreError,
	type SlotLine,
	type Store,
} from './storeContract.js';

const TABLE = 'promptlist';
const CLAIMS = 'promptlist_claim';
const SLOTS = 'promptlist_slot';

// Each statement below is one implicit transaction: SQLite takes the file's write lock before the statement reads,
// so the check and the write cannot interleave with another process's, and RETURNING says whether the row was written.
const CREATE_CLAIMS = `CREATE TABLE IF NOT EXISTS ${CLAIMS}(key TEXT PRIMARY KEY, token TEXT NOT NULL, expires INTEGER NOT NULL)`;
const CREATE_SLOTS = `CREATE TABLE IF NOT EXISTS ${SLOTS}(name TEXT NOT NULL, lease TEXT NOT NULL, expires INTEGER NOT NULL, PRIMARY KEY(name, lease))`;
const CLAIM = `INSERT INTO ${CLAIMS}(key, token, expires) VALUES(?, ?, ?)
	ON CONFLICT(key) DO UPDATE SET token = excluded.token, expires = excluded.expires WHERE ${CLAIMS}.expires <= ?
	RETURNING key`;
const EXTEND = `UPDATE ${CLAIMS} SET expires = ? WHERE key = ? AND token = ? RETURNING key`;
const LINE = 'promptlist_slot_line';
const CREATE_LINE = `CREATE TABLE IF NOT EXISTS ${LINE}(line TEXT NOT NULL, waiter TEXT NOT NULL, since INTEGER NOT NULL, seen INTEGER NOT NULL, PRIMARY KEY(line, waiter))`;
// One statement, so one process's check and insert cannot interleave with another's: a free slot, and nobody
// still asking (seen within the line's ttl) who joined the line before this waiter (or at all, if it is new).
const ACQUIRE = `INSERT INTO ${SLOTS}(name, lease, expires) SELECT ?, ?, ?
	WHERE (SELECT count(*) FROM ${SLOTS} WHERE name = ? AND expires > ?) < ?
	AND NOT EXISTS (SELECT 1 FROM ${LINE} AS other WHERE other.line = ? AND other.waiter <> ? AND other.seen > ?
		AND other.since < COALESCE((SELECT since FROM ${LINE} WHERE line = ? AND waiter = ?), 9e18))
	RETURNING lease`;
// \`since\` is a ticket, one more than the line's highest: milliseconds can tie, tickets cannot. A waiter that went
// stale takes a new ticket, at the back.
const JOIN_LINE = `INSERT INTO ${LINE}(line, waiter, since, seen)
	VALUES(?, ?, (SELECT COALESCE(MAX(since), 0) + 1 FROM ${LINE} WHERE line = ?), ?)
	ON CONFLICT(line, waiter) DO UPDATE SET seen = excluded.seen,
		since = CASE WHEN ${LINE}.seen > ? THEN ${LINE}.since ELSE excluded.since END`;

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

async function openAdapter(path: string): Promise<KeyvSqlite> {
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
		// Deleted rows are overwritten with zeros, not just unlinked: a user's deleted data must not stay in the file.
		await adapter.query('PRAGMA secure_delete=ON');
		// Prove the file is writable now rather than on the first user's click.
		await adapter.query(
			`INSERT INTO ${TABLE}(key, value) VALUES('store:probe', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		);
		await adapter.query(CREATE_CLAIMS);
		await adapter.query(CREATE_SLOTS);
		await adapter.query(CREATE_LINE);
	} catch (error) {
		await adapter.close().catch(() => undefined);
		const reason = `${(error as Error).message}${await placementHint(path, error)}`;
		throw new StoreError(`cannot open the database ${path} for writing: ${reason}`, { cause: error });
	}
	return adapter;
}

type Query = (sql: string, ...parameters: unknown[]) => Promise<unknown[]>;

/** Claims and slots in their own tables of the SQLite file, shared by every process that opens it. */
function leaveLine(query: Query, { line, waiter }: SlotLine): Promise<unknown> {
	return query(`DELETE FROM ${LINE} WHERE line = ? AND waiter = ?`, line, waiter);
}

function createLocks(query: Query): Pick<Store, 'claim' | 'extend' | 'release' | 'acquireSlot'> {
	return {
		...createTokenClaims({
			take: async (key, token, ttlMs) => {
				const now = Date.now();
				return (await query(CLAIM, key, token, now + ttlMs, now)).length > 0;
			},
			extend: async (key, token, ttlMs) => (await query(EXTEND, Date.now() + ttlMs, key, token)).length > 0,
			drop: async (key, token) => {
				await query(`DELETE FROM ${CLAIMS} WHERE key = ? AND token = ?`, key, token);
			},
		}),
		acquireSlot: async (name, limit, leaseMs, line) => {
			const lease = randomUUID();
			const now = Date.now();
			const { line: lineName, waiter } = line ?? { line: name, waiter: '' };
			const fresh = now - SLOT_LINE_TTL_MS;
			const rows = await query(
				ACQUIRE,
				name,
				lease,
				now + leaseMs,
				name,
				now,
				limit,
				lineName,
				waiter,
				fresh,
				lineName,
				waiter,
			);
			if (rows.length === 0) {
				if (line) await query(JOIN_LINE, lineName, waiter, lineName, now, fresh);
				return null;
			}
			if (line) await leaveLine(query, line);
			return releaseOnce(() => query(`DELETE FROM ${SLOTS} WHERE name = ? AND lease = ?`, name, lease));
		},
	};
}

/** Opens (and creates, with its folder) the SQLite file behind keyv; fails with a clear StoreError. */
export async function createSqliteStore(databaseUrl: string): Promise<Store> {
	const adapter = await openAdapter(sqlitePath(databaseUrl));
	const query: Query = (sql, ...parameters) => adapter.query(sql, ...parameters) as Promise<unknown[]>;
	const keyv = new Keyv({ store: adapter, useKeyPrefix: false, throwOnErrors: true });
	keyv.on('error', () => undefined);
	// sqlite3 throws on a second close; a shutdown path that closes twice should not.
	let closing: Promise<void> | undefined;

	return {
		kind: 'sqlite',
		collection: (name) => createKeyvCollection(keyv, name),
		...createLocks(query),
		ping: async () => {
			try {
				await query('SELECT 1');
				return true;
			} catch {
				return false;
			}
		},
		purgeExpired: async () => {
			const now = Date.now();
			await query(
				`DELETE FROM ${TABLE} WHERE json_valid(value) AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') < ?`,
				now,
			);
			await query(`DELETE FROM ${CLAIMS} WHERE expires <= ?`, now);
			await query(`DELETE FROM ${SLOTS} WHERE expires <= ?`, now);
			await query(`DELETE FROM ${LINE} WHERE seen <= ?`, now - SLOT_LINE_TTL_MS);
		},
		// secure_delete zeroes a deleted row, but SQLite leaves older copies of rows in pages it rebalanced, and the
		// write-ahead log holds pages as they were. VACUUM rewrites the file from its live rows alone; the checkpoint
		// then folds the log in and empties it. Runs only when a user's data is deleted: rare, and fast on a bot's store.
		compact: async () => {
			await query('VACUUM');
			await query('PRAGMA wal_checkpoint(TRUNCATE)');
		},
		close: () => (closing ??= keyv.disconnect()),
	};
}
