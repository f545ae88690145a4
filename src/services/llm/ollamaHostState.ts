import { Ollama } from 'ollama';

// Per-host bookkeeping for the Ollama pool: load, health, and which hosts a request may try next.

export const HOST_COOLDOWN_MS = 15_000;
export const HOST_COOLDOWN_MAX_MS = 120_000;

export interface HostState {
	readonly url: string;
	readonly client: Ollama;
	/** Requests of this process running on the host (or holding a place there while a shared slot is asked for). */
	inFlight: number;
	/** Failures in a row; each one doubles the cooldown. */
	failures: number;
	/** Epoch ms before which the host is skipped while another one is healthy; 0 = healthy. */
	downUntil: number;
	/** Times marked down; a request remembers it at start, so requests failing together count as one failure. */
	downs: number;
	/** Order of the last request started here; ties in load go to the host idle longest, so work spreads. */
	lastStart: number;
}

export interface HostView {
	host: string;
	healthy: boolean;
	inFlight: number;
	/** ISO time the cooldown ends, null when healthy. */
	downUntil: string | null;
}

/** One client per host; its calls give up after `timeoutMs`. */
export function createHostState(url: string, timeoutMs: number): HostState {
	// The client's non-streaming calls take no abort signal, so the timeout rides on fetch.
	const client = new Ollama({
		host: url,
		fetch: (input, init) => {
			const timeout = AbortSignal.timeout(timeoutMs);
			const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
			return fetch(input, { ...init, signal });
		},
	});
	return { url, client, inFlight: 0, failures: 0, downUntil: 0, downs: 0, lastStart: 0 };
}

export const isHealthy = (host: HostState, now: number): boolean => host.downUntil <= now;

/** Starts or extends a cooldown: 15 s, doubling per failure in a row, at most 2 min. Returns its length. */
export function markDown(host: HostState, now: number, downsAtStart: number): number | null {
	// Requests that were already running when the host went down fail together; count that as one failure.
	if (downsAtStart !== host.downs) return null;
	host.downs++;
	host.failures++;
	const cooldownMs = Math.min(HOST_COOLDOWN_MAX_MS, HOST_COOLDOWN_MS * 2 ** (host.failures - 1));
	host.downUntil = now + cooldownMs;
	return cooldownMs;
}

/** The host answered (even if the answer was unusable): it is healthy. Returns whether it had been failing. */
export function markUp(host: HostState): boolean {
	const wasFailing = host.failures > 0;
	host.failures = 0;
	host.downUntil = 0;
	return wasFailing;
}

/**
 * Hosts a request may start on now, best first: healthy ones with a free place, least busy first. Only when every
 * host is cooling down does it offer the one back soonest, so a single host (or all of them) is found again once it
 * recovers and callers get a fast, typed error meanwhile instead of waiting.
 */
export function pickHosts(hosts: HostState[], options: { concurrency: number; now: number; exclude?: HostState }) {
	const { concurrency, now, exclude } = options;
	const eligible = hosts.filter((host) => host !== exclude);
	const free = (host: HostState) => host.inFlight < concurrency;
	if (eligible.some((host) => isHealthy(host, now))) {
		return eligible
			.filter((host) => isHealthy(host, now) && free(host))
			.sort((a, b) => a.inFlight - b.inFlight || a.lastStart - b.lastStart);
	}
	const soonest = [...eligible].sort((a, b) => a.downUntil - b.downUntil)[0];
	return soonest && free(soonest) ? [soonest] : [];
}

export function viewHost(host: HostState, now: number): HostView {
	const healthy = isHealthy(host, now);
	return {
		host: host.url,
		healthy,
		inFlight: host.inFlight,
		downUntil: healthy ? null : new Date(host.downUntil).toISOString(),
	};
}
