import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll } from 'vitest';
import type { StoreKind } from '../src/services/store/createStore.js';
import { freePort, tempDatabaseUrl } from './upstreams.js';

// A private redis-server per test file (Debian's package, installed by .ci/run): nothing depends on a system
// service, and no test sees another's keys. Outside CI the Redis tests are skipped when it is not installed.

const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
export const REDIS_AVAILABLE = hasRedisServer || Boolean(process.env.CI);

export interface RedisServer {
	url: string;
	stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 5_000;

async function accepts(port: number): Promise<boolean> {
	const socket = createConnection({ host: '127.0.0.1', port });
	try {
		await once(socket, 'connect');
		return true;
	} catch {
		return false;
	} finally {
		socket.destroy();
	}
}

/** Starts redis-server on a free loopback port, without persistence; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	// redis-server logs to stdout, including why it could not start.
	let output = '';
	const collect = (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-2_000));
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	// Not installed (ENOENT): said in the error below rather than as an unhandled event.
	child.on('error', (error) => (output += error.message));
	// once() rejects when the spawn itself fails; that case is reported below.
	const exited = once(child, 'exit').catch(() => undefined);
	const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (!(await accepts(port))) {
		if (!running() || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start on port ${port}: ${output.trim() || 'no output'}`);
		}
		await sleep(50);
	}
	return {
		url: `redis://127.0.0.1:${port}`,
		stop: async () => {
			if (running()) child.kill('SIGTERM');
			await exited;
		},
	};
}

export const STORE_BACKENDS = [
	{ kind: 'sqlite', available: true },
	{ kind: 'redis', available: REDIS_AVAILABLE },
] as const;

/**
 * For a describe block over one store kind: `newUrl()` is a fresh SQLite file each call, or the URL of the block's
 * own redis-server (started before its tests, stopped after).
 */
export function useDatabase(kind: StoreKind, available: boolean): { newUrl: () => string } {
	let redis: RedisServer | undefined;
	beforeAll(async () => {
		if (available && kind === 'redis') redis = await startRedis();
	});
	afterAll(async () => {
		await redis?.stop();
	});
	return { newUrl: () => redis?.url ?? tempDatabaseUrl() };
}
