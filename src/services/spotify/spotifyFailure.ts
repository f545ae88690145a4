import {
	RateLimitedError,
	SpotifyCredentialsError,
	SpotifyUserNotAllowedError,
	UpstreamError,
	UpstreamTimeoutError,
	UpstreamUnreachableError,
} from '../errors.js';
import { TimeoutError } from '../retry.js';

/** What a failed Spotify call tells us, read from status, headers and body (never the error class). */
export interface SpotifyFailure {
	status: number | undefined;
	retryAfterSeconds: number | undefined;
	quota: boolean;
	timeout: boolean;
	network: boolean;
	/** The connection failed before anything was sent (refused, unknown host): safe to send again. */
	notSent: boolean;
	/** The OAuth error code of an accounts-service failure (`invalid_grant`, `invalid_client`). */
	oauthError: string | undefined;
	message: string | undefined;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_CODES = new Set([...NOT_SENT_CODES, 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

function field(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function readSpotifyFailure(error: unknown): SpotifyFailure {
	const status = field(error, 'statusCode') ?? field(error, 'status');
	const headers = field(error, 'headers');
	const body = field(error, 'body');
	const retryAfter = Number(field(headers, 'retry-after'));
	const bodyError = field(body, 'error');
	const code = field(error, 'code') ?? field(field(error, 'cause'), 'code');
	return {
		status: typeof status === 'number' ? status : undefined,
		retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
		quota: field(bodyError, 'reason') === 'QUOTA_EXCEEDED',
		timeout: error instanceof TimeoutError || field(error, 'name') === 'TimeoutError',
		network: typeof code === 'string' && NETWORK_CODES.has(code),
		notSent: typeof code === 'string' && NOT_SENT_CODES.has(code),
		oauthError: typeof bodyError === 'string' ? bodyError : undefined,
		message: typeof field(bodyError, 'message') === 'string' ? (field(bodyError, 'message') as string) : undefined,
	};
}

/** Turns a final failure into the typed error the rest of the bot understands. */
export function toSpotifyError(error: unknown): Error {
	if (error instanceof UpstreamError) return error;
	const failure = readSpotifyFailure(error);
	const options = { cause: error };
	if (failure.timeout) return new UpstreamTimeoutError('spotify', options);
	if (failure.network) return new UpstreamUnreachableError('spotify', options);
	if (failure.status === 429) return new RateLimitedError(failure.retryAfterSeconds ?? 30, failure.quota);
	if (failure.oauthError === 'invalid_client') return new SpotifyCredentialsError(options);
	if (failure.status === 403) return new SpotifyUserNotAllowedError(options);
	return new UpstreamError(
		'spotify',
		`spotify answered ${failure.status ?? 'an error'}: ${failure.message ?? failure.oauthError ?? 'no detail'}`,
		failure.status,
		options,
	);
}
