import { ModelNotFoundError, UpstreamError, UpstreamTimeoutError, UpstreamUnreachableError } from '../errors.js';

// What can go wrong talking to Ollama, as typed errors, and which of those mean "this host is in trouble".

/** The model answered, but not with JSON that fits the schema. */
export class InvalidAnswerError extends UpstreamError {
	constructor(detail: string) {
		super('ollama', `the model's answer did not fit the schema: ${detail}`);
		this.name = 'InvalidAnswerError';
	}
}

/** More requests wait for the LLM than OLLAMA_QUEUE_MAX: refused at once rather than after a wait too long. */
export class LlmBusyError extends UpstreamError {
	constructor(readonly waiting: number) {
		super('ollama', `${waiting} requests already wait for the LLM`);
		this.name = 'LlmBusyError';
	}
}

/** A request waited for the LLM until its answer could no longer reach the user; dropped before using LLM time. */
export class LlmWaitExpiredError extends UpstreamError {
	constructor() {
		super('ollama', 'waited for the LLM past the time its answer could still be used');
		this.name = 'LlmWaitExpiredError';
	}
}

/** The queue refused the request: no fallback helps, the user must try again later. */
export const isQueueRefusal = (error: unknown): boolean =>
	error instanceof LlmBusyError || error instanceof LlmWaitExpiredError;

export function toLlmError(error: unknown, model: string): Error {
	if (error instanceof UpstreamError) return error;
	const err = error as { name?: string; status_code?: number; message?: string; cause?: { code?: string } };
	if (err.name === 'ResponseError') {
		if (err.status_code === 404 && /not found/i.test(err.message ?? '')) return new ModelNotFoundError(model);
		return new UpstreamError('ollama', `ollama answered ${err.status_code}: ${err.message}`, err.status_code, {
			cause: error,
		});
	}
	if (err.name === 'TimeoutError' || err.name === 'AbortError')
		return new UpstreamTimeoutError('ollama', { cause: error });
	if (err.cause?.code && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH/.test(err.cause.code)) {
		return new UpstreamUnreachableError('ollama', { cause: error });
	}
	return new UpstreamError('ollama', `ollama request failed: ${err.message ?? String(error)}`, undefined, {
		cause: error,
	});
}

/**
 * Refused, timed out, 5xx or dropped mid-answer: another host may do better. A 4xx (a model that is not pulled, a
 * request the server rejects) or an answer that misses the schema would fail the same way anywhere.
 */
export function isHostFailure(error: unknown): boolean {
	if (error instanceof InvalidAnswerError || error instanceof ModelNotFoundError) return false;
	if (error instanceof UpstreamTimeoutError || error instanceof UpstreamUnreachableError) return true;
	if (!(error instanceof UpstreamError)) return false;
	return error.status === undefined || error.status >= 500;
}
