import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { StoreKind } from '../src/services/store/createStore.js';
import { tempDatabaseUrl } from './upstreams.js';
import { createWaiters } from './waiters.js';

// A private redis-server per test file (Debian's package, installed by .ci/run): nothing depends on a system
// service, and no test sees another's keys. Outside CI the Redis tests are skipped when it is not installed.

const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
export const REDIS_AVAILABLE = hasRedisServer || Boolean(process.env.CI);

export interface RedisServer {
	url: string;
	stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 5_000;
const START_ATTEMPTS = 5;

/**
 * A loopback port that was free a moment ago. redis-server cannot pick its own (`--port 0` turns TCP off), so this
 * one is offered to it; should something take it first, redis-server fails to bind and startRedis tries another.
 */
async function candidatePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

type Attempt = { server: RedisServer } | { error: Error; portTaken: boolean };

/** redis-server on `port`, without persistence, once it says it accepts connections; or why it did not start. */
async function startOn(port: number): Promise<Attempt> {
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	// redis-server logs to stdout, including why it could not start.
	let output = '';
	const changes = createWaiters();
	const collect = (chunk: Buffer) => {
		output = `${output}${chunk.toString()}`.slice(-2_000);
		changes.notify();
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	// Not installed (ENOENT): said in the error below rather than as an unhandled event.
	child.on('error', (error) => collect(Buffer.from(error.message)));
	// once() rejects when the spawn itself fails; that case is reported below.
	const exited = once(child, 'exit').catch(() => undefined);
	void exited.then(() => changes.notify());
	const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
	const ready = () => /Ready to accept connections/.test(output);
	await changes.until(() => ready() || !running(), READY_TIMEOUT_MS, 'redis-server ready').catch(() => undefined);
	if (!ready()) {
		child.kill('SIGKILL');
		const error = new Error(`redis-server did not start on port ${port}: ${output.trim() || 'no output'}`);
		return { error, portTaken: /Address already in use/.test(output) };
	}
	const stop = async () => {
		if (running()) child.kill('SIGTERM');
		await exited;
	};
	return { server: { url: `redis://127.0.0.1:${port}`, stop } };
}

/** Starts redis-server on a free loopback port, without persistence; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
	for (let attempt = 1; ; attempt++) {
		const started = await startOn(await candidatePort());
		if ('server' in started) return started.server;
		if (!started.portTaken || attempt === START_ATTEMPTS) throw started.error;
	}
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
