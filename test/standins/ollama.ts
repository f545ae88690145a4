// Ollama HTTP API stand-in for tests and benches: real HTTP on 127.0.0.1, seeded content-aware answers that satisfy
// the request's JSON schema, configurable latency, injectable faults and request recording.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { fakeFromSchema, mulberry32, type FakeNode, type FakerHooks, type ResolvedNode } from './schemaFaker.js';

export interface PoolTrack {
	title: string;
	artist: string;
	genre: string;
}

export interface OllamaStandinOptions {
	/** Installed models, `:latest` implied when no tag is given. Default `['mistral:latest']`. */
	models?: string[];
	/** Tracks the "model" knows; suggestions are drawn from here. */
	tracks?: PoolTrack[];
	/** Genre vocabulary; defaults to the pool's genres (both are used when given). */
	genres?: string[];
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
	| { kind: 'cut' };

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
}

export interface ChatAnswer {
	model: string;
	content: string;
	stream: boolean;
	/** Tracks the generator put in the content, in order (empty for responder or fault content). */
	tracks: PickedTrack[];
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
	close(): Promise<void>;
}

const VERSION = '0.12.0';
const MODEL_SIZE = 4_372_824_384;
const MODIFIED_AT = '2025-09-01T10:00:00.000000000Z';
const GARBAGE_PREFIX = 'Sure! Here are some songs:';
const DETAILS = {
	parent_model: '',
	format: 'gguf',
	family: 'llama',
	families: ['llama'],
	parameter_size: '7.2B',
	quantization_level: 'Q4_K_M',
};
const SUGGESTIONS_SCHEMA = {
	type: 'object',
	properties: {
		suggestions: {
			type: 'array',
			maxItems: 20,
			items: {
				type: 'object',
				properties: { title: { type: 'string' }, artist: { type: 'string' }, reason: { type: 'string' } },
				required: ['title', 'artist', 'reason'],
			},
		},
	},
	required: ['suggestions'],
};

const STOPWORDS = new Set(
	'the and for with from that this some into your you me my our are was were give suggest please tracks track songs song music playlist make want need like about more any just very list find pick recommend respond json only'.split(
		' ',
	),
);
const MOODS = ['happy', 'sad', 'chill', 'calm', 'energetic', 'romantic', 'melancholic', 'dark', 'upbeat', 'dreamy'];
const HIGH_ENERGY = ['workout', 'gym', 'run', 'running', 'party', 'dance', 'hype', 'energetic', 'upbeat', 'fast'];
const LOW_ENERGY = ['sleep', 'calm', 'chill', 'study', 'rainy', 'relax', 'relaxing', 'quiet', 'slow', 'sad', 'ambient'];
const LANGUAGES = ['english', 'french', 'spanish', 'german', 'italian', 'portuguese', 'japanese', 'korean', 'swedish'];
const FAKE_ADJECTIVES = ['Neon', 'Velvet', 'Hollow', 'Silver', 'Paper', 'Crimson', 'Midnight', 'Glass', 'Electric'];
const FAKE_NOUNS = ['Mirage', 'Harbor', 'Lantern', 'Satellite', 'Orchard', 'Avenue', 'Tide', 'Comet', 'Parade'];
const FAKE_ARTISTS = [
	'The Imaginary Band',
	'Phantom Lanterns',
	'Nowhere Collective',
	'Ghost Frequency',
	'Static Ferns',
];
const FEATURED = ['Someone', 'Lil Nobody', 'DJ Placeholder', 'Anna Example'];

/** Starts the stand-in on 127.0.0.1 with a random port. */
export async function startOllamaStandin(options: OllamaStandinOptions = {}): Promise<OllamaStandin> {
	const standin = new OllamaServer(options);
	await standin.listen(0);
	return standin;
}

// ---------------------------------------------------------------- text helpers

/** Lower-case, accents removed, punctuation to spaces: the shape used for every comparison. */
function normalize(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function containsPhrase(haystack: string, phrase: string): boolean {
	const needle = normalize(phrase);
	return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

function significantWords(text: string): string[] {
	return normalize(text)
		.split(' ')
		.filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** FNV-1a, to derive per-request seeds from the request itself. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** "80s", "80's", "1990s", "2000s" → first year of the decade. */
function spokenDecade(text: string): number | undefined {
	const match = /\b(19|20)?([0-9])0 ?s\b/.exec(text);
	if (match?.[2] === undefined) return undefined;
	const digit = Number(match[2]);
	const century = match[1] !== undefined ? Number(match[1]) * 100 : digit <= 2 ? 2000 : 1900;
	return century + digit * 10;
}

function tokens(chars: number): number {
	return Math.ceil(chars / 4);
}

function canonicalModel(name: string): string {
	return name.includes(':') ? name : `${name}:latest`;
}

function fakeDigest(name: string): string {
	let hex = '';
	for (let i = 0; hex.length < 64; i++) hex += hash(`${name}#${i}`).toString(16).padStart(8, '0');
	return hex.slice(0, 64);
}

function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

// ---------------------------------------------------------------- content generation

interface ComposerSettings {
	tracks: PoolTrack[];
	genres: string[];
	hallucinationRate: number;
	variantRate: number;
}

/** Builds one answer: decides which tracks, genres and words go where, consistently within the answer. */
class Composer {
	readonly picked: PickedTrack[] = [];
	private readonly text: string;
	private readonly queue: PoolTrack[];
	private queueIndex = 0;
	private readonly genreList: string[];
	private readonly matchedGenres: string[];
	private readonly keywords: string[];
	private readonly decade: number;

	constructor(
		rawText: string,
		private readonly settings: ComposerSettings,
		private readonly random: () => number,
	) {
		this.text = normalize(rawText);
		this.matchedGenres = this.findGenres();
		const others = settings.genres.filter((g) => !this.matchedGenres.includes(g));
		this.genreList = [...this.matchedGenres, ...others];
		this.keywords = [...new Set(significantWords(rawText))].slice(0, 5);
		this.queue = this.rankPool();
		this.decade = spokenDecade(this.text) ?? 1960 + 10 * Math.floor(random() * 6);
	}

	hooks(): FakerHooks {
		return {
			properties: (node) => this.trackProperties(node),
			arrayLength: (node) => this.arrayLength(node),
			value: (node) => this.value(node),
		};
	}

	/** Content for a request without a schema: a short plain sentence. */
	sentence(): string {
		const track = this.nextTrack();
		const genre = this.genreList[0];
		return genre === undefined
			? `Here is a playlist idea: "${track.title}" by ${track.artist}.`
			: `Here is a ${genre} playlist idea: start with "${track.title}" by ${track.artist}.`;
	}

	/** Chatty, non-JSON content, as a model ignoring the format would write. */
	garbage(): string {
		const lines = [1, 2, 3].map((n) => {
			const track = this.nextTrack();
			return `${n}. ${track.title} - ${track.artist}`;
		});
		this.picked.length = 0;
		return `${GARBAGE_PREFIX}\n${lines.join('\n')}`;
	}

	private findGenres(): string[] {
		const found = this.settings.genres
			.map((genre) => ({ genre, at: ` ${this.text} `.indexOf(` ${normalize(genre)} `) }))
			.filter((g) => g.at >= 0 && normalize(g.genre).length > 0);
		return found.sort((a, b) => a.at - b.at).map((g) => g.genre);
	}

	/** Pool order for this answer: tracks the request talks about first, each group shuffled. */
	private rankPool(): PoolTrack[] {
		const words = new Set(this.text.split(' '));
		const score = (t: PoolTrack): number =>
			(containsPhrase(this.text, t.genre) ? 3 : significantWords(t.genre).some((w) => words.has(w)) ? 1 : 0) +
			(containsPhrase(this.text, t.artist) ? 2 : 0) +
			(containsPhrase(this.text, t.title) ? 2 : 0);
		const scored = shuffle(this.settings.tracks, this.random).map((track) => ({ track, score: score(track) }));
		return scored.sort((a, b) => b.score - a.score).map((s) => s.track);
	}

	private isTrackObject(node: FakeNode): boolean {
		if (node.type !== 'object' || typeof node.schema.properties !== 'object' || node.schema.properties === null) {
			return false;
		}
		const props = node.schema.properties as Record<string, unknown>;
		const isString = (schema: unknown): boolean => schema !== undefined && node.resolve(schema).type === 'string';
		return isString(props.title) && isString(props.artist);
	}

	private trackProperties(node: FakeNode): Record<string, unknown> | undefined {
		if (!this.isTrackObject(node)) return undefined;
		const track = this.nextTrack();
		const genre = track.poolTrack?.genre ?? this.genreList[0];
		return { title: track.title, artist: track.artist, genre, reason: this.reason(track) };
	}

	private arrayLength(node: FakeNode): number | undefined {
		const items: ResolvedNode = node.resolve(node.schema.items);
		if (items.type === 'object' && this.isTrackObject({ ...node, ...items })) return this.requestedCount();
		if (node.name === 'genres') return this.matchedGenres.length > 0 ? this.matchedGenres.length : 2;
		if (node.name === 'keywords') return Math.max(1, Math.min(4, this.keywords.length));
		if (node.name === 'artists') return 3;
		return undefined;
	}

	/** "suggest 12", "12 tracks" → 12; otherwise 10 (the faker clamps to minItems/maxItems). */
	private requestedCount(): number {
		const verb = /\b(?:suggest|give me|list|recommend|pick|find)\s+(?:me\s+)?(\d{1,3})\b/.exec(this.text);
		const noun = /\b(\d{1,3})\s+(?:more\s+|new\s+|other\s+)?(?:tracks?|songs?|suggestions?|titles?|tunes?)\b/.exec(
			this.text,
		);
		const count = Number(verb?.[1] ?? noun?.[1] ?? 10);
		return count > 0 ? count : 10;
	}

	private value(node: FakeNode): unknown {
		const name = node.name?.toLowerCase();
		const index = node.index ?? 0;
		switch (name) {
			case 'genres':
			case 'genre':
				return this.genreList[name === 'genre' ? 0 : index];
			case 'keywords':
				return node.index === undefined ? undefined : this.keywords[index];
			case 'mood':
				return this.mood(node);
			case 'energy':
				return this.energy();
			case 'language':
				return capitalize(LANGUAGES.find((l) => this.text.split(' ').includes(l)) ?? 'english');
			case 'from':
			case 'start':
				return this.decade;
			case 'to':
			case 'end':
				return this.decade + 9;
			case 'year':
				return this.decade + Math.floor(this.random() * 10);
			case 'artists':
				return this.queue[index]?.artist;
			case 'reason':
			case 'description':
				return `Picked for a ${this.genreList[0] ?? 'fitting'} mood.`;
			case 'title':
			case 'name':
				return [...this.keywords.slice(0, 2).map(capitalize), 'Mix'].join(' ');
			default:
				return undefined;
		}
	}

	private mood(node: FakeNode): string | undefined {
		const words = this.text.split(' ');
		const choices = Array.isArray(node.schema.enum) ? node.schema.enum.filter((c) => typeof c === 'string') : MOODS;
		const found = choices.find((c) => words.includes(normalize(c)));
		if (found !== undefined || Array.isArray(node.schema.enum)) return found;
		return MOODS[Math.floor(this.random() * MOODS.length)];
	}

	private energy(): string {
		const words = this.text.split(' ');
		if (words.some((w) => HIGH_ENERGY.includes(w))) return 'high';
		if (words.some((w) => LOW_ENERGY.includes(w))) return 'low';
		return 'medium';
	}

	private reason(track: PickedTrack): string {
		const genre = track.poolTrack?.genre ?? this.genreList[0] ?? 'hidden';
		const topic = this.keywords.slice(0, 2).join(' ');
		return topic.length > 0 ? `A ${genre} pick that suits "${topic}".` : `A ${genre} pick with the right feel.`;
	}

	nextTrack(): PickedTrack {
		const roll = this.random();
		const pool = this.nextPoolTrack();
		let picked: PickedTrack;
		if (pool === undefined || roll < this.settings.hallucinationRate) picked = this.madeUp();
		else if (roll < this.settings.hallucinationRate + this.settings.variantRate) picked = this.variant(pool);
		else picked = { title: pool.title, artist: pool.artist, source: 'pool', poolTrack: pool };
		if (picked.source === 'made-up' && pool !== undefined) this.queueIndex--;
		this.picked.push(picked);
		return picked;
	}

	/** Next pool track, without repeats until the pool is used up. */
	private nextPoolTrack(): PoolTrack | undefined {
		if (this.queue.length === 0) return undefined;
		if (this.queueIndex >= this.queue.length) this.queueIndex = 0;
		return this.queue[this.queueIndex++];
	}

	private madeUp(): PickedTrack {
		const pick = <T>(list: T[]): T => list[Math.floor(this.random() * list.length)] as T;
		const known = new Set(this.settings.tracks.map((t) => normalize(t.title)));
		let title = '';
		do {
			title = `${pick(FAKE_ADJECTIVES)} ${pick(FAKE_NOUNS)} ${1000 + Math.floor(this.random() * 9000)}`;
		} while (known.has(normalize(title)));
		return { title, artist: pick(FAKE_ARTISTS), source: 'made-up' };
	}

	/** A pool track written as models often write it, to exercise the bot's normalization. */
	private variant(track: PoolTrack): PickedTrack {
		const stripped = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');
		const kinds = ['lower', 'accents', 'feat', 'remaster'];
		const kind = kinds[Math.floor(this.random() * kinds.length)];
		let { title, artist } = track;
		if (kind === 'lower' && (title.toLowerCase() !== title || artist.toLowerCase() !== artist)) {
			[title, artist] = [title.toLowerCase(), artist.toLowerCase()];
		} else if (kind === 'accents' && stripped(title + artist) !== title + artist) {
			[title, artist] = [stripped(title), stripped(artist)];
		} else if (kind === 'feat') {
			title = `${title} (feat. ${FEATURED[Math.floor(this.random() * FEATURED.length)] ?? 'Someone'})`;
		} else {
			title = `${title} - Remastered 2011`;
		}
		return { title, artist, source: 'variant', poolTrack: track };
	}
}

// ---------------------------------------------------------------- HTTP server

interface RequestPlan {
	body: ChatRequestBody;
	fault: OllamaFault | undefined;
	signal: AbortSignal;
}

class OllamaServer implements OllamaStandin {
	readonly requests: RecordedRequest[] = [];
	readonly chatRequests: ChatRequestBody[] = [];
	readonly answers: ChatAnswer[] = [];
	totals: OllamaTotals = { chatCalls: 0, promptTokens: 0, outputTokens: 0 };
	inFlight = 0;
	maxInFlight = 0;
	port = 0;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly models: string[];
	private readonly loaded = new Set<string>();
	private readonly repeats = new Map<number, number>();
	private readonly settings: ComposerSettings;
	private readonly faultQueue: OllamaFault[] = [];
	private fault: OllamaFault | null = null;
	private responder: ChatResponder | null = null;
	private latency: Required<OllamaLatency>;
	private closed = false;

	constructor(private readonly options: OllamaStandinOptions) {
		this.models = (options.models ?? ['mistral:latest']).map(canonicalModel);
		const tracks = options.tracks ?? [];
		this.settings = {
			tracks,
			genres: [...new Set([...(options.genres ?? []), ...tracks.map((t) => t.genre)])],
			hallucinationRate: options.hallucinationRate ?? 0.25,
			variantRate: options.variantRate ?? 0.15,
		};
		this.latency = {
			firstTokenMs: options.firstTokenMs ?? 0,
			perTokenMs: options.perTokenMs ?? 0,
			latencyJitter: options.latencyJitter ?? 0,
		};
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen({ port, host: '127.0.0.1' }, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address();
		if (address !== null && typeof address === 'object') this.port = address.port;
	}

	setResponder(responder: ChatResponder | null): void {
		this.responder = responder;
	}

	failNext(fault: OllamaFault, times = 1): void {
		for (let i = 0; i < times; i++) this.faultQueue.push(fault);
	}

	async setFault(fault: OllamaFault | null): Promise<void> {
		this.fault = fault;
		if (fault?.kind === 'down') await this.stopListening();
		else if (!this.server.listening && !this.closed) await this.listen(this.port);
	}

	setLatency(latency: OllamaLatency): void {
		this.latency = { ...this.latency, ...latency };
	}

	resetStats(): void {
		this.requests.length = 0;
		this.chatRequests.length = 0;
		this.answers.length = 0;
		this.totals = { chatCalls: 0, promptTokens: 0, outputTokens: 0 };
		this.maxInFlight = this.inFlight;
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.stopListening();
	}

	/** Stops accepting and kills every connection, hung ones included, so tests never wait on a slow answer. */
	private async stopListening(): Promise<void> {
		const closing = new Promise<void>((resolve) => {
			if (this.server.listening) this.server.close(() => resolve());
			else resolve();
		});
		this.server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const at = performance.now();
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const method = req.method ?? 'GET';
		try {
			const text = await readBody(req);
			const body = parseBody(text);
			this.requests.push({ method, path, body, at });
			await this.route(method, path, body, res);
		} catch (error) {
			if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: String(error) });
			else res.destroy();
		}
	}

	private async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<void> {
		const route = `${method} ${path}`;
		if (route === 'GET /' || route === 'HEAD /') return sendText(res, 200, 'Ollama is running');
		if (route === 'GET /api/version') return sendJson(res, 200, { version: VERSION });
		if (route === 'GET /api/tags') return sendJson(res, 200, { models: this.models.map((m) => this.describe(m)) });
		if (route === 'GET /api/ps') return sendJson(res, 200, { models: [...this.loaded].map((m) => this.running(m)) });
		if (route === 'POST /api/show') return this.show(body, res);
		if (route === 'POST /api/chat') return this.chat(body, res);
		sendText(res, 404, '404 page not found');
	}

	private describe(model: string): Record<string, unknown> {
		const size = MODEL_SIZE;
		return { name: model, model, modified_at: MODIFIED_AT, size, digest: fakeDigest(model), details: DETAILS };
	}

	private running(model: string): Record<string, unknown> {
		const expires = new Date(Date.now() + 5 * 60_000).toISOString();
		return { ...this.describe(model), expires_at: expires, size_vram: MODEL_SIZE, context_length: 4096 };
	}

	private show(body: unknown, res: ServerResponse): void {
		const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
		const name = typeof record.model === 'string' ? record.model : typeof record.name === 'string' ? record.name : '';
		if (!this.models.includes(canonicalModel(name))) return sendJson(res, 404, { error: `model '${name}' not found` });
		sendJson(res, 200, {
			license: 'Apache License 2.0',
			modelfile: `FROM ${name}\nPARAMETER temperature 0.8`,
			parameters: 'temperature 0.8',
			template: '{{ .Prompt }}',
			details: DETAILS,
			model_info: {
				'general.architecture': 'llama',
				'general.parameter_count': 7_248_023_552,
				'llama.context_length': 32768,
			},
			capabilities: ['completion', 'tools'],
			modified_at: MODIFIED_AT,
		});
	}

	private async chat(raw: unknown, res: ServerResponse): Promise<void> {
		this.enterFlight(res);
		this.totals.chatCalls++;
		const body = toChatBody(raw);
		if (body === undefined) return sendJson(res, 400, { error: 'model is required' });
		this.chatRequests.push(body);
		const fault = this.faultQueue.shift() ?? this.fault ?? undefined;
		const controller = new AbortController();
		res.once('close', () => controller.abort());
		await this.answerChat({ body, fault, signal: controller.signal }, res);
	}

	/** inFlight covers a chat from arrival to the last byte (or the connection dying), latency included. */
	private enterFlight(res: ServerResponse): void {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		res.once('close', () => this.inFlight--);
	}

	private async answerChat(plan: RequestPlan, res: ServerResponse): Promise<void> {
		const { body, fault } = plan;
		if (fault?.kind === 'down') return void res.socket?.destroy();
		if (fault?.kind === 'status') {
			return sendJson(res, fault.status, {
				error: fault.message ?? 'llama runner process has terminated: exit status 2',
			});
		}
		if (fault?.kind === 'model-not-found' || !this.models.includes(canonicalModel(body.model))) {
			return sendJson(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
		}
		if (body.format !== undefined && typeof body.format !== 'object' && body.format !== 'json') {
			return sendJson(res, 400, { error: 'invalid format: expected "json" or a valid JSON Schema' });
		}
		if (fault?.kind === 'slow' && !(await sleep(fault.ms, plan.signal))) return;
		this.loaded.add(canonicalModel(body.model));
		const seed = this.requestSeed(body);
		const answer = this.compose(body, fault, seed);
		this.answers.push(answer);
		const promptTokens = tokens(body.messages.reduce((sum, m) => sum + m.content.length, 0));
		this.totals.promptTokens += promptTokens;
		this.totals.outputTokens += tokens(answer.content.length);
		const send = body.stream === false ? sendWhole : sendStream;
		await send(res, answer, {
			promptTokens,
			latency: this.jitteredLatency(seed),
			cut: fault?.kind === 'cut',
			signal: plan.signal,
		});
	}

	/** Per-request randomness comes from the seed and the request itself, so concurrent order does not matter. */
	// Repeating an identical request gives a new (still deterministic) answer, like a sampling model would.
	private requestSeed(body: ChatRequestBody): string {
		const key = hash(JSON.stringify([body.model, body.messages, body.format ?? null, body.options ?? null]));
		const repeat = this.repeats.get(key) ?? 0;
		this.repeats.set(key, repeat + 1);
		return `${this.options.seed ?? 1}:${key}:${repeat}`;
	}

	private jitteredLatency(seed: string): { firstTokenMs: number; perTokenMs: number } {
		const random = mulberry32(hash(`${seed}:latency`));
		const factor = (): number => Math.max(0, 1 + (random() * 2 - 1) * this.latency.latencyJitter);
		return { firstTokenMs: this.latency.firstTokenMs * factor(), perTokenMs: this.latency.perTokenMs * factor() };
	}

	private compose(body: ChatRequestBody, fault: OllamaFault | undefined, seed: string): ChatAnswer {
		const base = { model: body.model, stream: body.stream !== false, fault: fault?.kind };
		const text = this.options.requestText?.(body) ?? lastUserText(body);
		const composer = new Composer(text, this.settings, mulberry32(hash(`${seed}:content`)));
		if (fault?.kind === 'garbage') return { ...base, content: composer.garbage(), tracks: [] };
		if (fault?.kind === 'invalid') return { ...base, content: '{"foo":1}', tracks: [] };
		const override = this.responder?.(body);
		if (override !== undefined) return { ...base, content: JSON.stringify(override) ?? 'null', tracks: [] };
		if (body.format === undefined) return { ...base, content: composer.sentence(), tracks: composer.picked };
		const schema = body.format === 'json' ? SUGGESTIONS_SCHEMA : body.format;
		const value = fakeFromSchema(schema, { random: mulberry32(hash(`${seed}:schema`)), hooks: composer.hooks() });
		return { ...base, content: JSON.stringify(value), tracks: composer.picked };
	}
}

// ---------------------------------------------------------------- wire helpers

interface SendOptions {
	promptTokens: number;
	latency: { firstTokenMs: number; perTokenMs: number };
	cut: boolean;
	signal: AbortSignal;
}

function lastUserText(body: ChatRequestBody): string {
	return body.messages.findLast((m) => m.role === 'user')?.content ?? '';
}

function toChatBody(raw: unknown): ChatRequestBody | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const body = raw as Partial<ChatRequestBody>;
	if (typeof body.model !== 'string' || body.model.length === 0) return undefined;
	const messages: unknown[] = Array.isArray(body.messages) ? body.messages : [];
	const clean = messages
		.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
		.map((m) => ({ ...m, role: String(m.role), content: typeof m.content === 'string' ? m.content : '' }));
	return { ...body, model: body.model, messages: clean };
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
	if (text.length === 0) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** Resolves false when the request died meanwhile (client gone or stand-in closed). */
async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	if (ms <= 0) return true;
	try {
		await delay(ms, undefined, { signal });
		return true;
	} catch {
		return false;
	}
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
	sendText(res, status, JSON.stringify(payload), 'application/json; charset=utf-8');
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

/** Resolves true once the bytes reached the socket (so a following destroy() cannot swallow them), false if aborted. */
async function write(res: ServerResponse, text: string | Buffer, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	return await new Promise<boolean>((resolve) => {
		const onAbort = (): void => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
		res.write(text, () => {
			signal.removeEventListener('abort', onAbort);
			resolve(true);
		});
	});
}

function chatFrame(answer: ChatAnswer, content: string): Record<string, unknown> {
	const message = { role: 'assistant', content };
	return { model: answer.model, created_at: new Date().toISOString(), message, done: false };
}

function finalStats(answer: ChatAnswer, options: SendOptions, startedAt: number): Record<string, unknown> {
	const ns = (ms: number): number => Math.round(ms * 1e6);
	const evalCount = tokens(answer.content.length);
	return {
		done: true,
		done_reason: 'stop',
		total_duration: ns(performance.now() - startedAt),
		load_duration: ns(1),
		prompt_eval_count: options.promptTokens,
		prompt_eval_duration: ns(options.latency.firstTokenMs),
		eval_count: evalCount,
		eval_duration: ns(evalCount * options.latency.perTokenMs),
	};
}

async function sendWhole(res: ServerResponse, answer: ChatAnswer, options: SendOptions): Promise<void> {
	const startedAt = performance.now();
	const { firstTokenMs, perTokenMs } = options.latency;
	if (!(await sleep(firstTokenMs + tokens(answer.content.length) * perTokenMs, options.signal))) return;
	const text = JSON.stringify({ ...chatFrame(answer, answer.content), ...finalStats(answer, options, startedAt) });
	if (!options.cut) return sendText(res, 200, text, 'application/json; charset=utf-8');
	// Announce the full length, send half, then drop the connection: the client sees a truncated body.
	const bytes = Buffer.from(text);
	res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
	await write(res, bytes.subarray(0, Math.floor(bytes.length / 2)), options.signal);
	res.destroy();
}

async function sendStream(res: ServerResponse, answer: ChatAnswer, options: SendOptions): Promise<void> {
	const startedAt = performance.now();
	const { firstTokenMs, perTokenMs } = options.latency;
	if (!(await sleep(firstTokenMs, options.signal))) return;
	res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
	const pieces = splitTokens(answer.content);
	for (const [index, piece] of pieces.entries()) {
		if (options.cut && index === 2) return void res.destroy();
		// Pace against the start time, so timer drift does not add up over hundreds of tokens.
		const due = startedAt + firstTokenMs + index * perTokenMs - performance.now();
		if (index > 0 && !(await sleep(due, options.signal))) return;
		if (!(await write(res, `${JSON.stringify(chatFrame(answer, piece))}\n`, options.signal))) return;
	}
	if (options.cut) return void res.destroy();
	res.end(`${JSON.stringify({ ...chatFrame(answer, ''), ...finalStats(answer, options, startedAt) })}\n`);
}

/** ≈ 4 characters per token, never splitting a surrogate pair. */
function splitTokens(content: string): string[] {
	const chars = Array.from(content);
	const pieces: string[] = [];
	for (let i = 0; i < chars.length; i += 4) pieces.push(chars.slice(i, i + 4).join(''));
	return pieces;
}
