import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GUILD_ID } from '../../standins/guilds.js';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';
import { TEST_SPOTIFY_CLIENT, tempDatabaseUrl, type Upstreams } from '../../standins/upstreams.js';
import type { BenchEnvironment } from '../environment.js';

// `npm start` as a user runs it, until the bot logs "bot is ready": once with nothing changed since the last build,
// once after a change to CHANGED_SOURCE (the build compiles it and what depends on it). The source is restored after.

export interface StartupRun {
	unchangedMs: number;
	changedMs: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHANGED_SOURCE = 'src/index.ts';
const READY_TIMEOUT_MS = 60_000;

function startEnv(upstreams: Upstreams, discord: DiscordStandin): Record<string, string> {
	return {
		PATH: process.env.PATH ?? '',
		DISCORD_TOKEN: discord.token,
		DISCORD_CLIENT_ID: discord.applicationId,
		DISCORD_GUILD_ID: GUILD_ID,
		DISCORD_API_URL: discord.apiUrl,
		SPOTIFY_CLIENT_ID: TEST_SPOTIFY_CLIENT.clientId,
		SPOTIFY_CLIENT_SECRET: TEST_SPOTIFY_CLIENT.clientSecret,
		SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback',
		SPOTIFY_API_URL: upstreams.spotify.url,
		SPOTIFY_ACCOUNTS_URL: upstreams.spotify.url,
		OLLAMA_HOST: upstreams.ollama.url,
		HTTP_HOST: '127.0.0.1',
		HTTP_PORT: '0',
		DATABASE_URL: tempDatabaseUrl(),
		TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
	};
}

/** Runs `npm start` until the bot says it is ready, then stops npm and the bot (their own process group). */
async function timeNpmStart(env: Record<string, string>): Promise<number> {
	const started = performance.now();
	const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`npm start: not ready:\n${output}`)), READY_TIMEOUT_MS);
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('"msg":"bot is ready"')) resolve(clearTimeout(timer));
			});
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
		});
		return performance.now() - started;
	} finally {
		if (child.exitCode === null) {
			process.kill(-child.pid!, 'SIGTERM');
			await once(child, 'exit');
		}
	}
}

const build = () => promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });

export async function measureStartup(env: BenchEnvironment): Promise<StartupRun> {
	const discord = await startDiscordStandin({ guildIds: [GUILD_ID] });
	const path = new URL(CHANGED_SOURCE, new URL('../../', import.meta.url));
	const original = await readFile(path, 'utf8');
	try {
		await build();
		const unchangedMs = await timeNpmStart(startEnv(env.upstreams, discord));
		await writeFile(path, `${original}// A change for the bench's start-up figure.\n`);
		const changedMs = await timeNpmStart(startEnv(env.upstreams, discord));
		return { unchangedMs, changedMs };
	} finally {
		await writeFile(path, original);
		await build();
		await discord.close();
	}
}
