import type { Ollama } from 'ollama';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import { createArrayItemScanner } from './jsonArrayItems.js';
import type { QueueListener } from './leaseQueue.js';
import { InvalidAnswerError, toLlmError } from './llmErrors.js';
import { createOllamaHosts, type HostView, type OllamaHostsOptions } from './ollamaHosts.js';

export { InvalidAnswerError } from './llmErrors.js';

/** The hosts' options (hosts, concurrency, timeout, queue bound, shared slots), and the model to ask. */
export interface LlmOptions extends OllamaHostsOptions {
	model: string;
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
	/** Epoch ms after which a request still waiting for the LLM is dropped (LlmWaitExpiredError). */
	notAfter?: number;
	/**
	 * Streams the answer and hands over each complete item of its first array as it arrives. When a host dies
	 * mid-answer the request is retried on another, whose items follow: callers must tolerate repeats.
	 */
	onItem?: (rawItem: unknown) => void;
}

export interface Llm {
	structured<T>(request: StructuredRequest<T>): Promise<T>;
	/** Is any Ollama host answering? */
	ping(): Promise<boolean>;
	/** Each host's health and load, for /healthz. */
	hostStates(): HostView[];
	/** Requests in flight and waiting in this process. */
	readonly limiter: LlmLoad;
	readonly model: string;
}

export interface LlmLoad {
	readonly active: number;
	readonly waiting: number;
	readonly maxActive: number;
}

// Keep the model loaded between playlists; loading it again costs seconds.
const KEEP_ALIVE = '15m';
const PING_TIMEOUT_MS = 2_000;

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

type ChatBase = ReturnType<typeof chatBase>;

function chatBase<T>(model: string, request: StructuredRequest<T>) {
	return {
		model,
		format: z.toJSONSchema(request.schema),
		keep_alive: KEEP_ALIVE,
		options: { temperature: request.temperature ?? 0.3, num_predict: request.maxTokens ?? 1024 },
		messages: [
			{ role: 'system', content: request.system },
			{ role: 'user', content: request.user },
		],
	};
}

interface Usage {
	prompt_eval_count: number;
	eval_count: number;
}

function logAnswer(logger: Logger, host: string, started: number, usage: Usage): void {
	const ms = Math.round(performance.now() - started);
	logger.debug({ host, ms, promptTokens: usage.prompt_eval_count, outputTokens: usage.eval_count }, 'llm answered');
}

/**
 * Streams the answer, handing over each complete item of its first array as it arrives. `handedOver` spans the
 * attempts of one request, so an answer retried on another host does not repeat identical items.
 */
async function chatStreamed(
	client: Ollama,
	base: ChatBase,
	onItem: (rawItem: unknown) => void,
	handedOver: Set<string>,
): Promise<{ content: string; usage: Usage | undefined }> {
	const stream = await client.chat({ ...base, stream: true });
	const scan = createArrayItemScanner();
	let content = '';
	let usage: Usage | undefined;
	for await (const part of stream) {
		content += part.message.content;
		for (const raw of scan(content)) {
			if (handedOver.has(raw)) continue;
			handedOver.add(raw);
			try {
				onItem(JSON.parse(raw));
			} catch {
				// A malformed item is skipped here; the whole answer is validated below anyway.
			}
		}
		if (part.done) usage = part;
	}
	return { content, usage };
}

async function ask<T>(client: Ollama, base: ChatBase, request: StructuredRequest<T>, handedOver: Set<string>) {
	if (!request.onItem) {
		const response = await client.chat({ ...base, stream: false });
		return { content: response.message.content, usage: response };
	}
	return chatStreamed(client, base, request.onItem, handedOver);
}

async function pingHost(host: string): Promise<boolean> {
	try {
		const response = await fetch(new URL('/api/version', host), { signal: AbortSignal.timeout(PING_TIMEOUT_MS) });
		return response.ok;
	} catch {
		return false;
	}
}

export function createLlm(options: LlmOptions): Llm {
	const { model, logger } = options;
	const pool = createOllamaHosts({ ...options, logger });

	function structured<T>(request: StructuredRequest<T>): Promise<T> {
		const base = chatBase(model, request);
		const handedOver = new Set<string>();
		return pool.run(
			async (client, host) => {
				try {
					const started = performance.now();
					const { content, usage } = await ask(client, base, request, handedOver);
					if (usage) logAnswer(logger, host, started, usage);
					return parseAnswer(request.schema, content);
				} catch (error) {
					throw toLlmError(error, model);
				}
			},
			{ onQueued: request.onQueued, notAfter: request.notAfter },
		);
	}

	return {
		limiter: pool,
		model,
		structured,
		ping: async () => (await Promise.all(options.hosts.map(pingHost))).some(Boolean),
		hostStates: () => pool.states(),
	};
}
