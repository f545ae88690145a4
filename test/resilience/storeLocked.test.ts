import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore, StoreError } from '../../src/services/store/createStore.js';

function run(db: sqlite3.Database, sql: string): Promise<void> {
	return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}

describe('a database file locked by another process', () => {
	it('fails start-up with a StoreError naming the file, after the busy timeout, and works once released', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'promptlist-lock-')), 'bot.sqlite');
		const other = new sqlite3.Database(path);
		await run(other, 'CREATE TABLE other(x); BEGIN EXCLUSIVE; INSERT INTO other VALUES (1);');

		const started = performance.now();
		const failure = await createStore(`sqlite://${path}`).then(
			() => null,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(StoreError);
		expect((failure as Error).message).toContain(path);
		expect((failure as Error).message).toMatch(/locked|busy/i);
		expect(performance.now() - started).toBeGreaterThan(4_000);

		await run(other, 'COMMIT;');
		await new Promise((resolve) => other.close(resolve));
		const store = await createStore(`sqlite://${path}`);
		expect(await store.ping()).toBe(true);
		await store.close();
	}, 20_000);
});
