// Typed failures the services raise. They carry no Discord wording: commands map them to text.

export class UpstreamError extends Error {
	constructor(
		readonly service: 'spotify' | 'ollama',
		message: string,
		readonly status?: number,
		options?: ErrorOptions,
	) {
		super(message, options);
		this.name = 'UpstreamError';
	}
}

/** The upstream did not answer in time (after bounded retries). */
export class UpstreamTimeoutError extends UpstreamError {
	constructor(service: 'spotify' | 'ollama', options?: ErrorOptions) {
		super(service, `${service} did not answer in time`, undefined, options);
		this.name = 'UpstreamTimeoutError';
	}
}

/** The upstream cannot be reached at all (connection refused, DNS). */
export class UpstreamUnreachableError extends UpstreamError {
	constructor(service: 'spotify' | 'ollama', options?: ErrorOptions) {
		super(service, `${service} cannot be reached`, undefined, options);
		this.name = 'UpstreamUnreachableError';
	}
}

/** Spotify asked us to wait longer than we can (429 Retry-After or quota). */
export class RateLimitedError extends UpstreamError {
	constructor(
		readonly retryAfterSeconds: number,
		readonly quota: boolean,
	) {
		super('spotify', `spotify rate limit: retry after ${retryAfterSeconds}s${quota ? ' (quota exceeded)' : ''}`, 429);
		this.name = 'RateLimitedError';
	}
}

/** Our app credentials are wrong (client id/secret). */
export class SpotifyCredentialsError extends UpstreamError {
	constructor(options?: ErrorOptions) {
		super('spotify', 'spotify rejected the client id or secret', 400, options);
		this.name = 'SpotifyCredentialsError';
	}
}

/** A development-mode app answered 403 for a user not added in the dashboard. */
export class SpotifyUserNotAllowedError extends UpstreamError {
	constructor(options?: ErrorOptions) {
		super('spotify', 'spotify refused this user: not added to the app in the developer dashboard', 403, options);
		this.name = 'SpotifyUserNotAllowedError';
	}
}

/** The configured model is not pulled on the Ollama host. */
export class ModelNotFoundError extends UpstreamError {
	constructor(readonly model: string) {
		super('ollama', `model "${model}" is not pulled: run \`ollama pull ${model}\``, 404);
		this.name = 'ModelNotFoundError';
	}
}

/** Nothing in the catalog matched the prompt. */
export class NothingFoundError extends Error {
	constructor(readonly prompt: string) {
		super(`nothing found for "${prompt}"`);
		this.name = 'NothingFoundError';
	}
}

/** The user's prompt cannot be used (empty after trimming, too long). */
export class InvalidPromptError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidPromptError';
	}
}
