import type { Logger } from '../../log.js';
import { readSpotifyFailure, toSpotifyError } from './spotifyFailure.js';
import { RateLimitedError } from '../errors.js';
import { backoffDelay, withRetry, withTimeout, type RetryDecision, type RetryPolicy } from '../retry.js';

export interface SpotifyRequestPolicy {
	timeoutMs: number;
	retry: RetryPolicy;
	/** A Retry-After above this is reported to the user instead of waited out. */
	maxRetryAfterSeconds: number;
}

export const DEFAULT_SPOTIFY_POLICY: SpotifyRequestPolicy = {
	timeoutMs: 8_000,
	retry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 3_000 },
	maxRetryAfterSeconds: 10,
};

export interface SpotifyCallOptions {
	label: string;
	/** Safe to send twice (GET, token grants)? Creating a playlist is not. */
	idempotent: boolean;
	/**
	 * Called on a 401 before the one retry it earns: drop the cached token, so the task fetches a
	 * fresh one when it runs again.
	 */
	onUnauthorized?: () => void;
}

function decide(
	policy: SpotifyRequestPolicy,
	options: SpotifyCallOptions,
	error: unknown,
	attempt: number,
): RetryDecision {
	const failure = readSpotifyFailure(error);
	if (failure.status === 429) {
		const wait = failure.retryAfterSeconds ?? 1;
		// A quota 429 means the app's daily allowance: waiting seconds won't help.
		if (failure.quota || wait > policy.maxRetryAfterSeconds)
			return { retry: false, error: new RateLimitedError(wait, failure.quota) };
		return { retry: true, delayMs: wait * 1000 };
	}
	if (failure.status === 401 && options.onUnauthorized && attempt === 1) return { retry: true, delayMs: 0 };
	const transient = failure.timeout || failure.network || (failure.status !== undefined && failure.status >= 500);
	// A non-idempotent call may have happened on the server even though we saw an error (a reset
	// or timeout can come after the request was sent); only retry it when nothing was sent.
	const safe = options.idempotent || failure.notSent;
	if (transient && safe) return { retry: true, delayMs: backoffDelay(policy.retry, attempt) };
	return { retry: false, error: toSpotifyError(error) };
}

/** Every Spotify call goes through here: a timeout per try, bounded retries, typed errors. */
export async function spotifyRequest<T>(
	policy: SpotifyRequestPolicy,
	logger: Logger,
	options: SpotifyCallOptions,
	task: () => Promise<T>,
): Promise<T> {
	try {
		return await withRetry(
			() => withTimeout(task(), policy.timeoutMs),
			(error, attempt) => {
				const decision = decide(policy, options, error, attempt);
				if (decision.retry) {
					const failure = readSpotifyFailure(error);
					logger.warn(
						{ call: options.label, attempt, status: failure.status, delayMs: decision.delayMs },
						'spotify call failed, retrying',
					);
					if (failure.status === 401) options.onUnauthorized?.();
				}
				return decision;
			},
			policy.retry,
		);
	} catch (error) {
		throw toSpotifyError(error);
	}
}
