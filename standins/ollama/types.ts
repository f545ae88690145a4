// The Ollama stand-in's public shapes: options, faults, chat bodies, recorded answers and the handle tests hold.
// Re-exported by ../ollama.ts.

export interface PoolTrack {
	title: string;
	artist: string;
	genre: string;
	/** The language it is sung in (lower-case English name); absent: English. */
	language?: string;
}

export interface OllamaStandinOptions {
	/** Installed models, `:latest` implied when no tag is given. Default `['mistral:latest']`. */
	models?: string[];
	/** Tracks the "model" knows; suggestions are drawn from here. */
	tracks?: PoolTrack[];
	/** Genre vocabulary; defaults to the pool's genres (both are used when given). */
	genres?: string[];
	/** Other names of genres a request may use ("bollywood" for filmi). */
	genreAliases?: Record<string, string[]>;
	/** Per local scene, the global genre the model takes for it unless told the language ("j-pop" → "pop"). */
	genreParents?: Record<string, string>;
	/** Seed for content and latency jitter. Default 1. */
	seed?: number;
	/** Share of suggested tracks that exist nowhere in the pool. Default 0.25. */
	hallucinationRate?: number;
	/** Share of suggested tracks that are pool tracks spelled differently. Default 0.15. */
	variantRate?: number;
	/** Delay before the first token, ms. Default 0. */
	firstTokenMs?: number;
	/** Delay per output token (≈ 4 characters), ms. Default 0. */
	perTokenMs?: number;
	/** Random ± share applied to both latencies per request (0..1, seeded). Default 0. */
	latencyJitter?: number;
	/** Text the generator reacts to. Default: the last user message. */
	requestText?: (body: ChatRequestBody) => string;
}

export type OllamaFault =
	| { kind: 'down' }
	| { kind: 'status'; status: number; message?: string }
	| { kind: 'slow'; ms: number }
	| { kind: 'garbage' }
	| { kind: 'invalid' }
	| { kind: 'model-not-found' }
	/** Drops the connection part-way: a stream after `fraction` of its frames (default: after two). */
	| { kind: 'cut'; fraction?: number };

export interface ChatMessage {
	role: string;
	content: string;
	[key: string]: unknown;
}

export interface ChatRequestBody {
	model: string;
	messages: ChatMessage[];
	format?: string | Record<string, unknown>;
	stream?: boolean;
	options?: Record<string, unknown>;
	keep_alive?: string | number;
	[key: string]: unknown;
}

export type ChatResponder = (request: ChatRequestBody) => unknown;

export interface RecordedRequest {
	method: string;
	path: string;
	/** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
	body: unknown;
	/** performance.now() when the request headers arrived. */
	at: number;
}

export interface PickedTrack {
	title: string;
	artist: string;
	/** `pool`: exact pool track; `variant`: pool track spelled differently; `made-up`: not in the pool. */
	source: 'pool' | 'variant' | 'made-up';
	poolTrack?: PoolTrack;
	/** The phase the answer tagged it with, when the schema asked for one. */
	phase?: string | undefined;
}

export interface ChatAnswer {
	model: string;
	content: string;
	stream: boolean;
	/** Tracks the generator put in the content, in order (empty for responder or fault content). */
	tracks: PickedTrack[];
	/** 'length' when the request's `options.num_predict` cut the answer short, as Ollama reports it. */
	doneReason: 'stop' | 'length';
	fault?: OllamaFault['kind'];
}

export interface OllamaTotals {
	chatCalls: number;
	promptTokens: number;
	outputTokens: number;
}

export interface OllamaLatency {
	firstTokenMs?: number;
	perTokenMs?: number;
	latencyJitter?: number;
}

export interface OllamaStandin {
	readonly url: string;
	readonly port: number;
	readonly requests: RecordedRequest[];
	readonly chatRequests: ChatRequestBody[];
	readonly answers: ChatAnswer[];
	readonly inFlight: number;
	readonly maxInFlight: number;
	readonly totals: OllamaTotals;
	/** Overrides chat content: a returned value is JSON-stringified as content; undefined falls back. */
	setResponder(responder: ChatResponder | null): void;
	/** Applies `fault` to the next `times` chat requests ('down' here destroys the socket without answering). */
	failNext(fault: OllamaFault, times?: number): void;
	/** Applies `fault` to every chat request until cleared; 'down' stops listening, clearing it re-listens. */
	setFault(fault: OllamaFault | null): Promise<void>;
	setLatency(latency: OllamaLatency): void;
	/** Clears recordings, counters and totals (faults, responder and latency stay). */
	resetStats(): void;
	/** Resolves once `condition(requests)` holds: checked now and as each request arrives (and starts its answer). */
	waitForRequests(condition: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}
