import { Ollama } from 'ollama';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { createArrayItemScanner } from './jsonArrayItems.js';
import { ModelNotFoundError, UpstreamError, UpstreamTimeoutError, UpstreamUnreachableError } from './errors.js';
import { createLimiter, type Limiter, type QueueListener } from './limiter.js';

export interface LlmOptions {
	host: string;
	model: string;
	/** LLM requests in flight at once across the whole bot; the rest wait in a queue. */
	concurrency: number;
	/** Per request, counted from when it leaves the queue. */
	timeoutMs: number;
	logger: Logger;
}

export interface StructuredRequest<T> {
	schema: z.ZodType<T>;
	/** Our instructions. User text never goes here. */
	system: string;
	/** The user's words and the data they are about. */
	user: string;
	temperature?: number;
	maxTokens?: number;
	onQueued?: QueueListener;
	/** Streams the answer and hands over each complete item of its first array as it arrives. */
	onItem?: (rawItem: unknown) => void;
}

/** The model answered, but not with JSON that fits the schema. */
export class InvalidAnswerError extends UpstreamError {
	constructor(detail: string) {
		super('ollama', `the model's answer did not fit the schema: ${detail}`);
		this.name = 'InvalidAnswerError';
	}
}

export interface Llm {
	structured<T>(request: StructuredRequest<T>): Promise<T>;
	/** Is the Ollama host answering? */
	ping(): Promise<boolean>;
	readonly limiter: Limiter;
	readonly model: string;
}

// Keep the model loaded between playlists; loading it again costs seconds.
const KEEP_ALIVE = '15m';
const PING_TIMEOUT_MS = 2_000;

function toLlmError(error: unknown, model: string): Error {
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

function parseAnswer<T>(schema: z.ZodType<T>, content: string): T {
	let json: unknown;
	try {
		json = JSON.parse(content);
	} catch {
		throw new InvalidAnswerError('not JSON');
	}
	const result = schema.safeParse(json);
	if (!result.success) throw new InvalidAnswerError(z.prettifyError(result.error).slice(0, 300));
	return result.data;
}

export function createLlm(options: LlmOptions): Llm {
	const { model, timeoutMs, logger } = options;
	const limiter = createLimiter(options.concurrency);
	// The client's non-streaming calls take no abort signal, so the timeout rides on fetch.
	const client = new Ollama({
		host: options.host,
		fetch: (input, init) => {
			const timeout = AbortSignal.timeout(timeoutMs);
			const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
			return fetch(input, { ...init, signal });
		},
	});

	async function complete<T>(request: StructuredRequest<T>): Promise<string> {
		const base = {
			model,
			format: z.toJSONSchema(request.schema),
			keep_alive: KEEP_ALIVE,
			options: { temperature: request.temperature ?? 0.3, num_predict: request.maxTokens ?? 1024 },
			messages: [
				{ role: 'system', content: request.system },
				{ role: 'user', content: request.user },
			],
		};
		const started = performance.now();
		if (!request.onItem) {
			const response = await client.chat({ ...base, stream: false });
			logger.debug(
				{
					ms: Math.round(performance.now() - started),
					promptTokens: response.prompt_eval_count,
					outputTokens: response.eval_count,
				},
				'llm answered',
			);
			return response.message.content;
		}
		const stream = await client.chat({ ...base, stream: true });
		const scan = createArrayItemScanner();
		let content = '';
		for await (const part of stream) {
			content += part.message.content;
			for (const raw of scan(content)) {
				try {
					request.onItem(JSON.parse(raw));
				} catch {
					// A malformed item is skipped here; the whole answer is validated below anyway.
				}
			}
			if (part.done)
				logger.debug(
					{
						ms: Math.round(performance.now() - started),
						promptTokens: part.prompt_eval_count,
						outputTokens: part.eval_count,
					},
					'llm answered',
				);
		}
		return content;
	}

	return {
		limiter,
		model,
		structured: (request) =>
			limiter.run(async () => {
				try {
					return parseAnswer(request.schema, await complete(request));
				} catch (error) {
					throw toLlmError(error, model);
				}
			}, request.onQueued),
		ping: async () => {
			try {
				const response = await fetch(new URL('/api/version', options.host), {
					signal: AbortSignal.timeout(PING_TIMEOUT_MS),
				});
				return response.ok;
			} catch {
				return false;
			}
		},
	};
}
