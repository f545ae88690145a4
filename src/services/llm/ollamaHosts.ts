import { randomUUID } from 'node:crypto';
import type { Ollama } from 'ollama';
import type { Logger } from '../../log.js';
import { createLeaseQueue, type LeaseAttempt, type WaitOptions } from './leaseQueue.js';
import { isHostFailure } from './llmErrors.js';
import {
	createHostState,
	isHealthy,
	markDown,
	markUp,
	pickHosts,
	viewHost,
	type HostState,
	type HostView,
} from './ollamaHostState.js';
import type { LeaseQueue } from './leaseQueue.js';

export type { HostView } from './ollamaHostState.js';

/** A counting semaphore shared by every process (the store's, over Redis): a release function, or null when full. */
export interface SharedSlots {
	acquireSlot(
		name: string,
		limit: number,
		leaseMs: number,
		line?: { line: string; waiter: string },
	): Promise<(() => Promise<void>) | null>;
}

/** Every process's pool waits in this one line for the hosts' shared slots, taking turns. */
const SLOT_LINE = 'ollama';

export interface OllamaHostsOptions {
	hosts: string[];
	/** Requests in flight at once per host; with `slots`, across all processes. */
	concurrency: number;
	/** Per request, counted from when it leaves the queue. */
	timeoutMs: number;
	/** OLLAMA_QUEUE_MAX: requests beyond this many waiting are refused at once (default: no limit). */
	queueMax?: number;
	logger: Logger;
	slots?: SharedSlots;
	now?: () => number;
}

export type HostTask<T> = (client: Ollama, host: string) => Promise<T>;

export interface OllamaHosts {
	/** Waits its turn in one FIFO queue, runs on the least busy healthy host, and once more elsewhere if that fails. */
	run<T>(task: HostTask<T>, wait?: WaitOptions): Promise<T>;
	states(): HostView[];
	readonly active: number;
	readonly waiting: number;
	/** The most requests this process ever had in flight at once; for tests and benchmarks. */
	readonly maxActive: number;
}

interface Lease {
	host: HostState;
	/** host.downs when it started: see markDown. */
	downsAtStart: number;
	releaseShared: (() => Promise<void>) | null;
}

// Nothing here hears when another process lets go of a shared slot, or when a cooldown ends: look again this often.
const POLL_MS = 75;
// A shared slot outlives its request by this much, so a crashed process's slots come back on their own.
const LEASE_MARGIN_MS = 5_000;

/** The hosts, the line in front of them, what each step of a request needs, and the starts and maxActive counters. */
interface Pool {
	readonly hosts: HostState[];
	/** A retry names the host it failed on, to be run elsewhere. */
	readonly queue: LeaseQueue<HostState | undefined, Lease>;
	readonly concurrency: number;
	/** How long a shared slot is held. */
	readonly leaseMs: number;
	readonly logger: Logger;
	readonly slots: SharedSlots | undefined;
	/** This process's place in the shared slots' line. */
	readonly waiterId: string;
	readonly now: () => number;
	starts: number;
	maxActive: number;
}

function createPool(options: OllamaHostsOptions): Pool {
	const { concurrency, logger, slots } = options;
	const hosts = options.hosts.map((url) => createHostState(url, options.timeoutMs));
	const leaseMs = options.timeoutMs + LEASE_MARGIN_MS;
	// The queue asks for a lease only once a request waits, by when `pool` is set.
	const queue = createLeaseQueue(
		(exclude: HostState | undefined) => tryLease(pool, exclude),
		POLL_MS,
		options.queueMax,
	);
	const now = options.now ?? Date.now;
	const waiterId = randomUUID();
	const pool: Pool = { hosts, queue, concurrency, leaseMs, logger, slots, waiterId, now, starts: 0, maxActive: 0 };
	return pool;
}

const activeCount = (pool: Pool) => pool.hosts.reduce((sum, host) => sum + host.inFlight, 0);

/** null: no shared limit to honour; false: the host is full across processes. */
async function askShared(pool: Pool, host: HostState): Promise<Lease['releaseShared'] | false> {
	if (!pool.slots) return null;
	try {
		const line = { line: SLOT_LINE, waiter: pool.waiterId };
		return (await pool.slots.acquireSlot(`ollama:${host.url}`, pool.concurrency, pool.leaseMs, line)) ?? false;
	} catch (error) {
		// Holding every LLM request back while the store is away would stop the bot; the local limit still holds.
		pool.logger.warn({ err: error, host: host.url }, 'shared LLM slots unavailable; limiting this process only');
		return null;
	}
}

async function tryLease(pool: Pool, exclude: HostState | undefined): Promise<LeaseAttempt<Lease>> {
	const { hosts, concurrency, now } = pool;
	let refused = false;
	for (const host of pickHosts(hosts, { concurrency, now: now(), exclude })) {
		// Held while the store answers, so the place can't be counted free twice.
		host.inFlight++;
		// Read before the round trip: a failure seen meanwhile happened before this request and is not its own.
		const downsAtStart = host.downs;
		const releaseShared = await askShared(pool, host);
		if (releaseShared !== false) {
			host.lastStart = ++pool.starts;
			pool.maxActive = Math.max(pool.maxActive, activeCount(pool));
			return { lease: { host, downsAtStart, releaseShared } };
		}
		host.inFlight--;
		refused = true;
	}
	return { pollSoon: refused || hosts.some((host) => !isHealthy(host, now())) };
}

function settle(pool: Pool, { host, releaseShared }: Lease): void {
	const freeLocal = () => {
		host.inFlight--;
		pool.queue.pump();
	};
	// The shared slot goes back first, or the next waiter here could be refused the slot it is about to get.
	if (!releaseShared) return freeLocal();
	releaseShared()
		.catch((error: unknown) => pool.logger.warn({ err: error, host: host.url }, 'could not release a shared LLM slot'))
		.finally(freeLocal);
}

function noteOutcome(pool: Pool, lease: Lease, error?: unknown): void {
	const { host } = lease;
	if (error === undefined || !isHostFailure(error)) {
		if (markUp(host)) pool.logger.info({ host: host.url }, 'ollama host answers again');
		return;
	}
	const cooldownMs = markDown(host, pool.now(), lease.downsAtStart);
	if (cooldownMs !== null)
		pool.logger.warn({ err: error, host: host.url, cooldownMs }, 'ollama host failing; skipping it');
}

async function runOn<T>(pool: Pool, lease: Lease, task: HostTask<T>): Promise<T> {
	try {
		const result = await task(lease.host.client, lease.host.url);
		noteOutcome(pool, lease);
		return result;
	} catch (error) {
		noteOutcome(pool, lease, error);
		throw error;
	} finally {
		settle(pool, lease);
	}
}

async function run<T>(pool: Pool, task: HostTask<T>, wait: WaitOptions = {}): Promise<T> {
	const first = await pool.queue.acquire(undefined, wait);
	try {
		return await runOn(pool, first, task);
	} catch (error) {
		const elsewhere = pool.hosts.some((host) => host !== first.host && isHealthy(host, pool.now()));
		if (!isHostFailure(error) || !elsewhere) throw error;
		pool.logger.info({ host: first.host.url }, 'retrying the LLM request on another host');
	}
	// It already waited its turn once, so the retry goes to the front of the line.
	return runOn(pool, await pool.queue.acquire(first.host, { front: true }), task);
}

export function createOllamaHosts(options: OllamaHostsOptions): OllamaHosts {
	const pool = createPool(options);
	return {
		run: (task, wait) => run(pool, task, wait),
		states: () => pool.hosts.map((host) => viewHost(host, pool.now())),
		get active() {
			return activeCount(pool);
		},
		get waiting() {
			return pool.queue.waiting;
		},
		get maxActive() {
			return pool.maxActive;
		},
	};
}
