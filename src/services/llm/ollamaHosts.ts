import type { Ollama } from 'ollama';
import type { Logger } from '../../log.js';
import { createLeaseQueue, type LeaseAttempt, type QueueListener } from './leaseQueue.js';
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

export type { HostView } from './ollamaHostState.js';

/** A counting semaphore shared by every process (the store's, over Redis): a release function, or null when full. */
export interface SharedSlots {
	acquireSlot(name: string, limit: number, leaseMs: number): Promise<(() => Promise<void>) | null>;
}

export interface OllamaHostsOptions {
	hosts: string[];
	/** Requests in flight at once per host; with `slots`, across all processes. */
	concurrency: number;
	/** Per request, counted from when it leaves the queue. */
	timeoutMs: number;
	logger: Logger;
	slots?: SharedSlots;
	now?: () => number;
}

export type HostTask<T> = (client: Ollama, host: string) => Promise<T>;

export interface OllamaHosts {
	/** Waits its turn in one FIFO queue, runs on the least busy healthy host, and once more elsewhere if that fails. */
	run<T>(task: HostTask<T>, onQueued?: QueueListener): Promise<T>;
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

export function createOllamaHosts(options: OllamaHostsOptions): OllamaHosts {
	const { concurrency, logger, slots } = options;
	const now = options.now ?? Date.now;
	const hosts = options.hosts.map((url) => createHostState(url, options.timeoutMs));
	const leaseMs = options.timeoutMs + LEASE_MARGIN_MS;
	let maxActive = 0;
	let starts = 0;
	const active = () => hosts.reduce((sum, host) => sum + host.inFlight, 0);

	/** null: no shared limit to honour; false: the host is full across processes. */
	async function askShared(host: HostState): Promise<Lease['releaseShared'] | false> {
		if (!slots) return null;
		try {
			return (await slots.acquireSlot(`ollama:${host.url}`, concurrency, leaseMs)) ?? false;
		} catch (error) {
			// Holding every LLM request back while the store is away would stop the bot; the local limit still holds.
			logger.warn({ err: error, host: host.url }, 'shared LLM slots unavailable; limiting this process only');
			return null;
		}
	}

	async function tryLease(exclude: HostState | undefined): Promise<LeaseAttempt<Lease>> {
		let refused = false;
		for (const host of pickHosts(hosts, { concurrency, now: now(), exclude })) {
			// Held while the store answers, so the place can't be counted free twice.
			host.inFlight++;
			// Read before the round trip: a failure seen meanwhile happened before this request and is not its own.
			const downsAtStart = host.downs;
			const releaseShared = await askShared(host);
			if (releaseShared !== false) {
				host.lastStart = ++starts;
				maxActive = Math.max(maxActive, active());
				return { lease: { host, downsAtStart, releaseShared } };
			}
			host.inFlight--;
			refused = true;
		}
		return { pollSoon: refused || hosts.some((host) => !isHealthy(host, now())) };
	}

	const queue = createLeaseQueue(tryLease, POLL_MS);

	function settle({ host, releaseShared }: Lease): void {
		const freeLocal = () => {
			host.inFlight--;
			queue.pump();
		};
		// The shared slot goes back first, or the next waiter here could be refused the slot it is about to get.
		if (!releaseShared) return freeLocal();
		releaseShared()
			.catch((error: unknown) => logger.warn({ err: error, host: host.url }, 'could not release a shared LLM slot'))
			.finally(freeLocal);
	}

	function noteOutcome(lease: Lease, error?: unknown): void {
		const { host } = lease;
		if (error === undefined || !isHostFailure(error)) {
			if (markUp(host)) logger.info({ host: host.url }, 'ollama host answers again');
			return;
		}
		const cooldownMs = markDown(host, now(), lease.downsAtStart);
		if (cooldownMs !== null)
			logger.warn({ err: error, host: host.url, cooldownMs }, 'ollama host failing; skipping it');
	}

	async function runOn<T>(lease: Lease, task: HostTask<T>): Promise<T> {
		try {
			const result = await task(lease.host.client, lease.host.url);
			noteOutcome(lease);
			return result;
		} catch (error) {
			noteOutcome(lease, error);
			throw error;
		} finally {
			settle(lease);
		}
	}

	async function run<T>(task: HostTask<T>, onQueued?: QueueListener): Promise<T> {
		const first = await queue.acquire(undefined, { onQueued });
		try {
			return await runOn(first, task);
		} catch (error) {
			const elsewhere = hosts.some((host) => host !== first.host && isHealthy(host, now()));
			if (!isHostFailure(error) || !elsewhere) throw error;
			logger.info({ host: first.host.url }, 'retrying the LLM request on another host');
		}
		// It already waited its turn once, so the retry goes to the front of the line.
		return runOn(await queue.acquire(first.host, { front: true }), task);
	}

	return {
		run,
		states: () => hosts.map((host) => viewHost(host, now())),
		get active() {
			return active();
		},
		get waiting() {
			return queue.waiting;
		},
		get maxActive() {
			return maxActive;
		},
	};
}
