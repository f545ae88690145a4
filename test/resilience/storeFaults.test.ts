import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../src/app.js';
import type { BotConfig } from '../../src/config.js';
import { StoreError } from '../../src/services/store/createStore.js';
import { startBot, type BotHarness } from '../helpers/bot.js';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';
import { holdRefusedUrl, type RefusedUrl } from '../../standins/refusedUrl.js';
import { captureLogger, TEST_SPOTIFY_CLIENT } from '../../standins/upstreams.js';
import { expectPlaylist } from './expectReply.js';

// The SQLite file the bot keeps drafts, links and the cache in: a missing folder is created, and a path that can
// never work (a file where a folder should be, a folder where the file should be, a file that isn't a database)
// stops the start with one clear line naming the path, before the bot logs in anywhere.

const run = promisify(execFile);
const scratch = () => mkdtempSync(join(tmpdir(), 'promptlist-store-'));

/** The paths that cannot hold the database, each made fresh. */
const UNUSABLE: { name: string; says: string; make: () => string }[] = [
	{
		name: 'its parent is a regular file',
		says: 'a file is in the way',
		make: () => {
			const file = join(scratch(), 'not-a-folder');
			writeFileSync(file, 'just a file\n');
			return join(file, 'bot.sqlite');
		},
	},
	{
		name: 'a folder stands where the file should be',
		says: 'it is a folder',
		make: () => {
			const folder = join(scratch(), 'bot.sqlite');
			mkdirSync(folder);
			return folder;
		},
	},
	{
		name: 'the file is not a SQLite database',
		says: 'file is not a database',
		make: () => {
			const file = join(scratch(), 'bot.sqlite');
			writeFileSync(file, 'these are notes, not a database\n'.repeat(200));
			return file;
		},
	},
];

let bot: BotHarness | undefined;
let discord: DiscordStandin | undefined;
let refused: RefusedUrl | undefined;
afterEach(async () => {
	await bot?.close();
	await Promise.all([discord?.close(), refused?.close()]);
	bot = discord = refused = undefined;
});

/** The bot's configuration on `databasePath`: Discord to witness that it never logs in, no one else to call. */
async function configWith(databasePath: string): Promise<BotConfig> {
	discord = await startDiscordStandin();
	refused = await holdRefusedUrl();
	return {
		logLevel: 'silent',
		databaseUrl: `sqlite://${databasePath}`,
		cacheTtlSeconds: 3600,
		ollama: { hosts: [refused.url], model: 'mistral', concurrency: 2, timeoutMs: 5_000 },
		discord: { token: discord.token, clientId: discord.applicationId, guildId: undefined, apiUrl: discord.apiUrl },
		spotify: {
			...TEST_SPOTIFY_CLIENT,
			apiUrl: refused.url,
			accountsUrl: refused.url,
			redirectUri: 'http://127.0.0.1:0/callback',
		},
		http: { host: '127.0.0.1', port: 0 },
		tokenEncryptionKey: randomBytes(32),
	};
}

describe('the database folder', () => {
	it('is created on start when missing, and the bot works', async () => {
		const folder = join(scratch(), 'data', 'nested');
		const file = join(folder, 'bot.sqlite');
		bot = await startBot({ config: (config) => ({ ...config, databaseUrl: `sqlite://${file}` }) });
		expect(existsSync(file)).toBe(true);
		const reply = await expectPlaylist(
			bot,
			bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'jazz for a rainy day', length: 5 } }),
		);
		expect(reply.lines).toHaveLength(5);
	});
});

describe('an unusable database path', () => {
	it.each(UNUSABLE)(
		'($name) rejects start() with a StoreError naming the path, before logging in',
		async ({ make, says }) => {
			const path = make();
			const config = await configWith(path);
			const { logger, lines } = captureLogger();
			const started = start(config, { logger });
			await expect(started).rejects.toBeInstanceOf(StoreError);
			await expect(started).rejects.toThrow(path);
			await expect(started).rejects.toThrow(says);
			expect(discord?.identifies).toEqual([]);
			expect(discord?.requests).toEqual([]);
			// Nothing keeps listening after the failed start: the OAuth port the OS picked is free again.
			const picked = lines.map((line) => JSON.parse(line) as { msg: string; httpUrl?: string });
			const httpUrl = picked.find((line) => line.msg === 'listening on the port the OS picked')?.httpUrl;
			expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const probe = await fetch(`${httpUrl}/`).catch((error: unknown) => error);
			expect(probe).toBeInstanceOf(TypeError);
		},
	);

	it('makes `src/index.ts` exit 1 at once with a one-line explanation, not a stack or a crash loop', async () => {
		refused = await holdRefusedUrl();
		const apiUrl = refused.url;
		const results = await Promise.all(
			UNUSABLE.slice(0, 2).map(async ({ make, says }) => {
				const path = make();
				const env = {
					PATH: process.env.PATH ?? '',
					DISCORD_TOKEN: 'token',
					DISCORD_CLIENT_ID: '1300000000000000001',
					DISCORD_API_URL: apiUrl,
					SPOTIFY_CLIENT_ID: 'id',
					SPOTIFY_CLIENT_SECRET: 'secret',
					SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:8888/callback',
					TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
					DATABASE_URL: `sqlite://${path}`,
					HTTP_PORT: '0',
				};
				const started = performance.now();
				const result = await run(process.execPath, ['--import', 'tsx', 'src/index.ts'], { env, timeout: 20_000 }).then(
					(output) => ({ code: 0, ...output }),
					(error: { code: number; killed?: boolean; stdout: string; stderr: string }) => error,
				);
				return { path, says, result, ms: performance.now() - started };
			}),
		);
		for (const { path, says, result, ms } of results) {
			expect(result.code, result.stderr).toBe(1);
			const lines = result.stderr.trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/^Cannot use the database \(DATABASE_URL\): /);
			expect(lines[0]).toContain(path);
			expect(lines[0]).toContain(says);
			expect(result.stdout).toBe('');
			expect(ms).toBeLessThan(15_000);
		}
	});
});
