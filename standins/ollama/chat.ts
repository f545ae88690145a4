import type { ServerResponse } from 'node:http';
import { fakeFromSchema, mulberry32 } from '../schemaFaker.js';
import { lastUserText, SUGGESTIONS_SCHEMA, toChatBody } from './chatBody.js';
import { sendStream, sendWhole } from './chatStream.js';
import { Composer } from './composer.js';
import { sendJson, sleep } from './http.js';
import { canonicalModel } from './models.js';
import { hash, tokenPieces, tokens } from './text.js';
import type { ComposerSettings } from './trackPicker.js';
import type {
	ChatAnswer,
	ChatRequestBody,
	ChatResponder,
	OllamaFault,
	OllamaLatency,
	OllamaStandinOptions,
	OllamaTotals,
	PickedTrack,
} from './types.js';

// POST /api/chat: applies the pending fault, composes a seeded answer, cuts it at the request's num_predict as Ollama
// does, and sends it with the configured latency, recording requests, answers, token totals and how many chats run at
// once.

interface RequestPlan {
	body: ChatRequestBody;
	fault: OllamaFault | undefined;
	signal: AbortSignal;
}

export class ChatEndpoint {
	readonly chatRequests: ChatRequestBody[] = [];
	readonly answers: ChatAnswer[] = [];
	totals: OllamaTotals = { chatCalls: 0, promptTokens: 0, outputTokens: 0 };
	inFlight = 0;
	maxInFlight = 0;
	/** Models that answered a chat, as /api/ps lists them. */
	readonly loaded = new Set<string>();
	readonly faultQueue: OllamaFault[] = [];
	fault: OllamaFault | null = null;
	responder: ChatResponder | null = null;
	latency: Required<OllamaLatency>;
	private readonly repeats = new Map<number, number>();
	private readonly settings: ComposerSettings;

	constructor(
		private readonly options: OllamaStandinOptions,
		private readonly models: string[],
	) {
		const tracks = options.tracks ?? [];
		this.settings = {
			tracks,
			genres: [...new Set([...(options.genres ?? []), ...tracks.map((t) => t.genre)])],
			aliases: options.genreAliases ?? {},
			parents: options.genreParents ?? {},
			hallucinationRate: options.hallucinationRate ?? 0.25,
			variantRate: options.variantRate ?? 0.15,
		};
		this.latency = {
			firstTokenMs: options.firstTokenMs ?? 0,
			perTokenMs: options.perTokenMs ?? 0,
			latencyJitter: options.latencyJitter ?? 0,
		};
	}

	resetStats(): void {
		this.chatRequests.length = 0;
		this.answers.length = 0;
		this.totals = { chatCalls: 0, promptTokens: 0, outputTokens: 0 };
		this.maxInFlight = this.inFlight;
	}

	async chat(raw: unknown, res: ServerResponse): Promise<void> {
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
		const answer = limitTokens(this.compose(body, fault, seed), body.options?.num_predict);
		this.answers.push(answer);
		const promptTokens = tokens(body.messages.reduce((sum, m) => sum + m.content.length, 0));
		this.totals.promptTokens += promptTokens;
		this.totals.outputTokens += tokens(answer.content.length);
		const send = body.stream === false ? sendWhole : sendStream;
		await send(res, answer, {
			promptTokens,
			latency: this.jitteredLatency(seed),
			cut: fault?.kind === 'cut' ? { fraction: fault.fraction } : null,
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
		const base = { model: body.model, stream: body.stream !== false, doneReason: 'stop' as const, fault: fault?.kind };
		const text = this.options.requestText?.(body) ?? lastUserText(body);
		const composer = new Composer(text, this.settings, mulberry32(hash(`${seed}:content`)), lastUserText(body));
		if (fault?.kind === 'garbage') return { ...base, content: composer.garbage(), tracks: [] };
		if (fault?.kind === 'invalid') return { ...base, content: '{"foo":1}', tracks: [] };
		const override = this.responder?.(body);
		if (override !== undefined) return { ...base, content: JSON.stringify(override) ?? 'null', tracks: [] };
		if (body.format === undefined) return { ...base, content: composer.sentence(), tracks: composer.picked };
		const schema = body.format === 'json' ? SUGGESTIONS_SCHEMA : body.format;
		const value = fakeFromSchema(schema, { random: mulberry32(hash(`${seed}:schema`)), hooks: composer.hooks() });
		return { ...base, content: JSON.stringify(composer.leaveUnsaid(value, schema)), tracks: composer.picked };
	}
}

/**
 * Ollama stops generating after `num_predict` tokens (negative: no limit) and says so with done_reason 'length': the
 * content ends there, a JSON answer cut mid-way included. Tracks named after the cut are not in the answer.
 */
export function limitTokens(answer: ChatAnswer, numPredict: unknown): ChatAnswer {
	if (typeof numPredict !== 'number' || numPredict < 0) return answer;
	const pieces = tokenPieces(answer.content);
	if (pieces.length <= numPredict) return answer;
	const content = pieces.slice(0, Math.floor(numPredict)).join('');
	return { ...answer, content, tracks: namedIn(content, answer.tracks), doneReason: 'length' };
}

/** The tracks whose titles the content still holds, in order: the answer names them one after another. */
function namedIn(content: string, tracks: PickedTrack[]): PickedTrack[] {
	let from = 0;
	const kept: PickedTrack[] = [];
	for (const track of tracks) {
		const at = content.indexOf(JSON.stringify(track.title).slice(1, -1), from);
		if (at < 0) break;
		kept.push(track);
		from = at + track.title.length;
	}
	return kept;
}
