import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ollama, type ChatResponse } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	startOllamaStandin,
	type OllamaStandin,
	type OllamaStandinOptions,
	type PoolTrack,
} from '../../standins/ollama.js';
import { fakeFromSchema, mulberry32 } from '../../standins/schemaFaker.js';

const IntentSchema = z.object({
	mood: z.enum(['happy', 'sad', 'chill', 'energetic', 'romantic']),
	genres: z.array(z.string()).min(1).max(3),
	energy: z.enum(['low', 'medium', 'high']),
	keywords: z.array(z.string()),
	era: z.object({ from: z.number().int().min(1900).max(2030), to: z.number().int() }).nullable(),
	language: z.string().nullable(),
});
const SuggestionsSchema = z.object({
	suggestions: z
		.array(z.object({ title: z.string().min(1), artist: z.string().min(1), reason: z.string().max(200) }))
		.max(20),
});

const GENRES: Record<string, string[][]> = {
	jazz: [
		['So What', 'Miles Davis'],
		['Take Five', 'The Dave Brubeck Quartet'],
		['Blue in Green', 'Bill Evans'],
		['My Favorite Things', 'John Coltrane'],
		['Autumn Leaves', 'Cannonball Adderley'],
		['Naima', 'John Coltrane'],
		['Waltz for Debby', 'Bill Evans'],
		['Round Midnight', 'Thelonious Monk'],
	],
	rock: [
		['Bohemian Rhapsody', 'Queen'],
		['Paranoid Android', 'Radiohead'],
		['Black Dog', 'Led Zeppelin'],
		['Back in Black', 'AC/DC'],
		['Smells Like Teen Spirit', 'Nirvana'],
		['Hey Jude', 'The Beatles'],
		['Wish You Were Here', 'Pink Floyd'],
	],
	chanson: [
		['La Vie en rose', 'Édith Piaf'],
		['Non, je ne regrette rien', 'Édith Piaf'],
		['Ne me quitte pas', 'Jacques Brel'],
		['Déjà vu', 'Françoise Hardy'],
	],
	pop: [
		['Halo', 'Beyoncé'],
		['Jóga', 'Björk'],
		['Hoppípolla', 'Sigur Rós'],
		['Bad Guy', 'Billie Eilish'],
		['Levitating', 'Dua Lipa'],
		['Blinding Lights', 'The Weeknd'],
	],
};
const POOL: PoolTrack[] = Object.entries(GENRES).flatMap(([genre, list]) =>
	list.map(([title, artist]) => ({ title: title ?? '', artist: artist ?? '', genre })),
);

const started: OllamaStandin[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((s) => s.close()));
});

async function boot(options: OllamaStandinOptions = {}): Promise<{ standin: OllamaStandin; ollama: Ollama }> {
	const standin = await startOllamaStandin({ tracks: POOL, seed: 7, ...options });
	started.push(standin);
	return { standin, ollama: new Ollama({ host: standin.url }) };
}

async function suggest(ollama: Ollama, text: string, model = 'mistral'): Promise<ChatResponse> {
	return await ollama.chat({
		model,
		messages: [
			{ role: 'system', content: 'You suggest music. Answer in JSON.' },
			{ role: 'user', content: text },
		],
		format: z.toJSONSchema(SuggestionsSchema),
		stream: false,
	});
}

/** The test's own normalization, independent of the stand-in's. */
function loose(text: string): string {
	return text
		.replace(/ \(feat\. [^)]*\)$/, '')
		.replace(/ - Remastered \d{4}$/, '')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase();
}

function classify(s: { title: string; artist: string }): 'pool' | 'variant' | 'made-up' {
	if (POOL.some((t) => t.title === s.title && t.artist === s.artist)) return 'pool';
	const match = POOL.some((t) => loose(t.title) === loose(s.title) && loose(t.artist) === loose(s.artist));
	return match ? 'variant' : 'made-up';
}

async function caught(promise: Promise<unknown>): Promise<Error & { status_code?: number; cause?: unknown }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { status_code?: number };
	}
	throw new Error('expected a rejection');
}

describe('ollama stand-in: metadata endpoints', () => {
	it('answers version, tags, show and ps like the real server', async () => {
		const { standin, ollama } = await boot({ models: ['mistral', 'llama3.2:3b'] });
		expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(await ollama.version()).toEqual({ version: '0.12.0' });
		const tags = await ollama.list();
		expect(tags.models.map((m) => m.name)).toEqual(['mistral:latest', 'llama3.2:3b']);
		expect(tags.models[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
		expect(tags.models[0]?.details.format).toBe('gguf');
		expect((await ollama.show({ model: 'mistral' })).capabilities).toContain('completion');
		expect((await caught(ollama.show({ model: 'nope' }))).status_code).toBe(404);
		expect((await ollama.ps()).models).toEqual([]);
		await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'hi' }] });
		expect((await ollama.ps()).models.map((m) => m.name)).toEqual(['mistral:latest']);
	});
});

describe('ollama stand-in: structured chat', () => {
	it('fills an intent schema with values that parse and follow the prompt', async () => {
		const { standin, ollama } = await boot();
		const response = await ollama.chat({
			model: 'mistral',
			messages: [{ role: 'user', content: 'A chill jazz evening in the rain, 80s vibes, French please' }],
			format: z.toJSONSchema(IntentSchema),
			stream: false,
		});
		const intent = IntentSchema.parse(JSON.parse(response.message.content));
		expect(intent.genres[0]).toBe('jazz');
		expect(intent.mood).toBe('chill');
		expect(intent.energy).toBe('low');
		expect(intent.era).toEqual({ from: 1980, to: 1989 });
		expect(intent.language).toBe('French');
		expect(intent.keywords.length).toBeGreaterThan(0);
		expect(intent.keywords.every((k) => 'a chill jazz evening in the rain 80s vibes french please'.includes(k))).toBe(
			true,
		);
		expect(response).toMatchObject({
			model: 'mistral',
			done: true,
			done_reason: 'stop',
			message: { role: 'assistant' },
		});
		expect(response.eval_count).toBe(Math.ceil(response.message.content.length / 4));
		expect(response.prompt_eval_count).toBe(Math.ceil(58 / 4));
		expect(standin.totals).toEqual({ chatCalls: 1, promptTokens: 15, outputTokens: response.eval_count });
	});

	it('leaves era and language null when the request names none, and reads "k-pop" as k-pop, not pop', async () => {
		const { ollama } = await boot({ genres: ['k-pop'] });
		const response = await ollama.chat({
			model: 'mistral',
			messages: [{ role: 'user', content: 'upbeat k-pop for running' }],
			format: z.toJSONSchema(IntentSchema),
			stream: false,
		});
		expect(IntentSchema.parse(JSON.parse(response.message.content))).toMatchObject({
			genres: ['k-pop'],
			era: null,
			language: null,
		});
	});

	it('suggests the requested count, bounded by maxItems, 10 by default', async () => {
		const { ollama } = await boot();
		const count = async (text: string): Promise<number> =>
			SuggestionsSchema.parse(JSON.parse((await suggest(ollama, text)).message.content)).suggestions.length;
		expect(await count('suggest 12 rock songs')).toBe(12);
		expect(await count('I want 5 tracks for running')).toBe(5);
		expect(await count('give me 50 tracks')).toBe(20);
		expect(await count('some rock please')).toBe(10);
	});

	it('draws suggestions mostly from the pool, prefers the named genre, and adds made-up and respelled tracks', async () => {
		const { standin, ollama } = await boot();
		const response = await suggest(ollama, 'suggest 20 tracks: late night jazz');
		const { suggestions } = SuggestionsSchema.parse(JSON.parse(response.message.content));
		const kinds = suggestions.map(classify);
		const fromPool = suggestions.filter((_, i) => kinds[i] !== 'made-up');
		expect(kinds.filter((k) => k === 'made-up').length).toBeGreaterThanOrEqual(2);
		expect(kinds.filter((k) => k === 'made-up').length).toBeLessThanOrEqual(9);
		expect(kinds.filter((k) => k === 'variant').length).toBeGreaterThanOrEqual(1);
		expect(fromPool.length).toBeGreaterThanOrEqual(11);
		// All 8 jazz tracks come before any other genre.
		const genreOf = (s: { title: string }): string | undefined =>
			POOL.find((t) => loose(t.title) === loose(s.title))?.genre;

		expect(fromPool.slice(0, 8).map(genreOf)).toEqual(Array(8).fill('jazz'));
		// No pool track twice in one answer.
		expect(new Set(fromPool.map((s) => loose(s.title))).size).toBe(fromPool.length);
		// The stand-in's own log agrees with what the test sees.
		expect(standin.answers[0]?.tracks.map((t) => t.source)).toEqual(kinds);
	});

	it('honours hallucinationRate 0 and 1', async () => {
		const exact = await boot({ hallucinationRate: 0, variantRate: 0 });
		const all = SuggestionsSchema.parse(JSON.parse((await suggest(exact.ollama, 'rock')).message.content));
		expect(all.suggestions.map(classify)).toEqual(Array(10).fill('pool'));
		const fake = await boot({ hallucinationRate: 1 });
		const none = SuggestionsSchema.parse(JSON.parse((await suggest(fake.ollama, 'rock')).message.content));
		expect(none.suggestions.map(classify)).toEqual(Array(10).fill('made-up'));
		expect(none.suggestions[0]?.title).toMatch(/^\w+ \w+ \d{4}$/);
	});

	it('answers format "json" with a JSON object and no format with a plain sentence', async () => {
		const { ollama } = await boot();
		const json = await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'pop' }], format: 'json' });
		expect(typeof JSON.parse(json.message.content)).toBe('object');
		const plain = await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'any rock idea?' }] });
		expect(plain.message.content).toMatch(/^Here is a rock playlist idea: .+\.$/);
	});

	it('streams ndjson chunks that concatenate to valid JSON, with counts on the final line', async () => {
		const { ollama } = await boot();
		const stream = await ollama.chat({
			model: 'mistral',
			messages: [{ role: 'user', content: 'suggest 6 pop songs' }],
			format: z.toJSONSchema(SuggestionsSchema),
			stream: true,
		});
		const parts: ChatResponse[] = [];
		for await (const part of stream) parts.push(part);
		const content = parts.map((p) => p.message.content).join('');
		expect(SuggestionsSchema.parse(JSON.parse(content)).suggestions).toHaveLength(6);
		expect(parts.length).toBe(Math.ceil(content.length / 4) + 1);
		expect(parts.slice(0, -1).every((p) => !p.done && p.message.content.length <= 4)).toBe(true);
		expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: Math.ceil(content.length / 4) });
	});

	it('reads the count from the whole request when it reacts to part of it', async () => {
		const sentence = (body: { messages: { content: string }[] }) =>
			/<<<\n([\s\S]*?)\n>>>/.exec(body.messages.at(-1)?.content ?? '')?.[1] ?? '';
		const { ollama } = await boot({ requestText: sentence });
		const text =
			'Request:\n<<<\ngive me 20 songs of jazz\n>>>\n\nAlready in the playlist:\n- 99 Songs — Nobody\n\nSuggest 14 more songs.';
		const { suggestions } = SuggestionsSchema.parse(JSON.parse((await suggest(ollama, text)).message.content));
		expect(suggestions).toHaveLength(14);
		// The rest still follows the quoted sentence alone: jazz first.
		const genres = suggestions
			.filter((s) => classify(s) === 'pool')
			.map((s) => POOL.find((t) => t.title === s.title)?.genre);
		expect(genres.slice(0, 3)).toEqual(['jazz', 'jazz', 'jazz']);
	});

	it('stops at num_predict tokens like Ollama: done_reason length, eval_count the tokens written, JSON cut', async () => {
		const { standin, ollama } = await boot();
		const ask = (stream: boolean, numPredict: number) =>
			ollama.chat({
				model: 'mistral',
				messages: [{ role: 'user', content: 'suggest 12 rock songs' }],
				format: z.toJSONSchema(SuggestionsSchema),
				options: { num_predict: numPredict },
				stream: stream as false,
			});
		const whole = await ask(false, 25);
		expect(whole).toMatchObject({ done_reason: 'length', eval_count: 25 });
		expect(whole.message.content.length).toBe(100);
		expect(() => JSON.parse(whole.message.content) as unknown).toThrow(SyntaxError);
		expect(standin.answers[0]).toMatchObject({ doneReason: 'length', content: whole.message.content });
		expect(standin.answers[0]?.tracks.length).toBeLessThanOrEqual(1);
		expect(standin.totals.outputTokens).toBe(25);

		const stream = await ollama.chat({
			model: 'mistral',
			messages: [{ role: 'user', content: 'suggest 12 rock songs' }],
			format: z.toJSONSchema(SuggestionsSchema),
			options: { num_predict: 30 },
			stream: true,
		});
		const parts: ChatResponse[] = [];
		for await (const part of stream) parts.push(part);
		expect(parts).toHaveLength(31);
		expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'length', eval_count: 30 });

		// A cap the answer fits in, or none (-1), changes nothing.
		const roomy = await ask(false, 2_000);
		expect(roomy.done_reason).toBe('stop');
		expect(SuggestionsSchema.parse(JSON.parse(roomy.message.content)).suggestions).toHaveLength(12);
		expect((await ask(false, -1)).done_reason).toBe('stop');
		expect(standin.answers.slice(2).map((answer) => answer.doneReason)).toEqual(['stop', 'stop']);
	});

	it('defaults to streaming when stream is absent from the raw request', async () => {
		const { standin } = await boot();
		const res = await fetch(`${standin.url}/api/chat`, {
			method: 'POST',
			body: JSON.stringify({ model: 'mistral', messages: [{ role: 'user', content: 'hello there' }] }),
		});
		expect(res.headers.get('content-type')).toBe('application/x-ndjson');
		const lines = (await res.text()).trim().split('\n');
		expect(lines.length).toBeGreaterThan(2);
		expect((JSON.parse(lines.at(-1) ?? '{}') as { done: boolean }).done).toBe(true);
	});
});

describe('ollama stand-in: latency, concurrency and recording', () => {
	it('waits firstTokenMs + perTokenMs per token, and paces streamed chunks', async () => {
		const { standin, ollama } = await boot({ firstTokenMs: 120 });
		let t0 = performance.now();
		await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'x' }], stream: false });
		expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
		standin.setLatency({ firstTokenMs: 0, perTokenMs: 10 });
		t0 = performance.now();
		const stream = await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'rock' }], stream: true });
		const arrivals: Array<{ ms: number; done: boolean }> = [];
		for await (const part of stream) arrivals.push({ ms: performance.now() - t0, done: part.done });
		expect(arrivals.length).toBeGreaterThan(8);
		// Chunk i is due at i * perTokenMs: the last content chunk cannot come earlier, and chunks are spread out.
		const lastContent = arrivals.length - 2;
		expect(arrivals[lastContent]?.ms).toBeGreaterThanOrEqual(lastContent * 10 - 5);
		expect((arrivals[1]?.ms ?? 0) - (arrivals[0]?.ms ?? 0)).toBeGreaterThanOrEqual(5);
		expect(arrivals.at(-1)?.done).toBe(true);
	});

	it('counts concurrent chats in maxInFlight and records requests', async () => {
		const { standin, ollama } = await boot({ firstTokenMs: 150 });
		const ask = (n: number): Promise<ChatResponse> =>
			ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: `question ${n}` }], stream: false });
		await Promise.all([ask(1), ask(2), ask(3), ask(4)]);
		expect(standin.maxInFlight).toBe(4);
		expect(standin.inFlight).toBe(0);
		await ask(5);
		expect(standin.maxInFlight).toBe(4);
		expect(standin.chatRequests.map((r) => r.messages[0]?.content).sort()).toEqual(
			[1, 2, 3, 4, 5].map((n) => `question ${n}`),
		);
		expect(standin.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat' });
		expect(standin.requests[0]?.at).toBeGreaterThan(0);
		expect(standin.totals.chatCalls).toBe(5);
		standin.resetStats();
		expect([standin.requests.length, standin.maxInFlight, standin.totals.chatCalls]).toEqual([0, 0, 0]);
		await ask(6);
		expect(standin.maxInFlight).toBe(1);
	});

	it('lets a responder override the content, even against the schema, and fall back on undefined', async () => {
		const { standin, ollama } = await boot();
		standin.setResponder((req) => (req.messages.at(-1)?.content === 'override' ? { suggestions: 'nope' } : undefined));
		expect((await suggest(ollama, 'override')).message.content).toBe('{"suggestions":"nope"}');
		expect(SuggestionsSchema.safeParse(JSON.parse((await suggest(ollama, 'jazz')).message.content)).success).toBe(true);
		standin.setResponder(null);
		expect(SuggestionsSchema.safeParse(JSON.parse((await suggest(ollama, 'override')).message.content)).success).toBe(
			true,
		);
	});

	it('is deterministic for equal seeds and varies with the seed and on repeats', async () => {
		const a = await boot({ seed: 42 });
		const b = await boot({ seed: 42 });
		const c = await boot({ seed: 43 });
		const text = 'suggest 15 rock and pop songs';
		const first = (await suggest(a.ollama, text)).message.content;
		expect((await suggest(b.ollama, text)).message.content).toBe(first);
		expect((await suggest(c.ollama, text)).message.content).not.toBe(first);
		const again = (await suggest(a.ollama, text)).message.content;
		expect(again).not.toBe(first);
		expect((await suggest(b.ollama, text)).message.content).toBe(again);
	});
});

describe('ollama stand-in: faults', () => {
	it('answers 404 with the real wording for an unknown model and for model-not-found', async () => {
		const { standin, ollama } = await boot();
		const unknown = await caught(suggest(ollama, 'jazz', 'llama9'));
		expect(unknown).toMatchObject({ name: 'ResponseError', status_code: 404 });
		expect(unknown.message).toBe('model "llama9" not found, try pulling it first');
		standin.failNext({ kind: 'model-not-found' });
		expect((await caught(suggest(ollama, 'jazz'))).message).toBe('model "mistral" not found, try pulling it first');
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
	});

	it('fails the next N chats with a status, then recovers; setFault stays until cleared', async () => {
		const { standin, ollama } = await boot();
		standin.failNext({ kind: 'status', status: 500 }, 2);
		for (let i = 0; i < 2; i++) {
			expect(await caught(suggest(ollama, 'jazz'))).toMatchObject({ name: 'ResponseError', status_code: 500 });
		}
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
		await standin.setFault({ kind: 'status', status: 503, message: 'server busy' });
		for (let i = 0; i < 3; i++) {
			expect(await caught(suggest(ollama, 'jazz'))).toMatchObject({ status_code: 503, message: 'server busy' });
		}
		await standin.setFault(null);
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
	});

	it('returns non-JSON content for garbage and off-schema JSON for invalid', async () => {
		const { standin, ollama } = await boot();
		standin.failNext({ kind: 'garbage' });
		const garbage = (await suggest(ollama, 'jazz')).message.content;
		expect(garbage.startsWith('Sure! Here are some songs:')).toBe(true);
		expect(() => JSON.parse(garbage) as unknown).toThrow(SyntaxError);
		standin.failNext({ kind: 'invalid' });
		const invalid = JSON.parse((await suggest(ollama, 'jazz')).message.content) as unknown;
		expect(invalid).toEqual({ foo: 1 });
		expect(SuggestionsSchema.safeParse(invalid).success).toBe(false);
	});

	it('delays a slow answer by its ms', async () => {
		const { standin, ollama } = await boot();
		standin.failNext({ kind: 'slow', ms: 200 });
		const t0 = performance.now();
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
		expect(performance.now() - t0).toBeGreaterThanOrEqual(195);
	});

	it('cuts a non-streaming body and a stream mid-way', async () => {
		const { standin, ollama } = await boot();
		standin.failNext({ kind: 'cut' });
		expect(await caught(suggest(ollama, 'jazz'))).toBeInstanceOf(TypeError);
		standin.failNext({ kind: 'cut' });
		const stream = await ollama.chat({ model: 'mistral', messages: [{ role: 'user', content: 'jazz' }], stream: true });
		const parts: string[] = [];
		const error = await caught(
			(async () => {
				for await (const part of stream) parts.push(part.message.content);
			})(),
		);
		expect(error).toBeInstanceOf(TypeError);
		expect(parts).toHaveLength(2);
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
	});

	it('refuses connections while down and re-listens on the same port when cleared', async () => {
		const { standin, ollama } = await boot();
		const url = standin.url;
		standin.failNext({ kind: 'down' });
		expect(await caught(suggest(ollama, 'jazz'))).toBeInstanceOf(TypeError);
		await standin.setFault({ kind: 'down' });
		const refused = await caught(suggest(ollama, 'jazz'));
		expect(refused).toBeInstanceOf(TypeError);
		expect((refused.cause as { code?: string }).code).toBe('ECONNREFUSED');
		await standin.setFault(null);
		expect(standin.url).toBe(url);
		expect((await suggest(ollama, 'jazz')).done).toBe(true);
		expect(standin.inFlight).toBe(0);
	});

	it('closes promptly with a hung request in flight', async () => {
		const { standin, ollama } = await boot();
		await standin.setFault({ kind: 'slow', ms: 60_000 });
		const pending = caught(suggest(ollama, 'jazz'));
		await standin.waitForRequests((requests) => requests.some((request) => request.path === '/api/chat'));
		expect(standin.inFlight).toBe(1);
		const t0 = performance.now();
		await standin.close();
		expect(performance.now() - t0).toBeLessThan(1000);
		expect(await pending).toBeInstanceOf(TypeError);
	});
});

describe('schemaFaker', () => {
	// ajv checks structure; zod (where the schema came from zod) also checks the formats ajv skips without ajv-formats.
	const ajv = new Ajv2020({ strict: false, validateFormats: false });
	const Reused = z.object({ x: z.string().max(3) });
	const Unions = z.object({
		kind: z.literal('song'),
		pick: z.union([z.null(), z.number().int().gt(5).lt(9)]),
		maybe: z.string().min(3).max(4).nullable(),
		tag: z.enum(['a', 'b']),
		pair: z.tuple([z.string(), z.boolean()]),
		step: z.number().multipleOf(0.5).min(10).max(12),
		when: z.iso.datetime(),
		id: z.uuid(),
		nested: z
			.array(z.array(z.number().min(-3).max(-1)).min(2))
			.min(1)
			.max(2),
	});
	const Recursive = {
		$defs: { node: { type: 'object', properties: { child: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] } } } },
		$ref: '#/$defs/node',
	};
	const cases: Array<{ name: string; schema: unknown; zod?: z.ZodType }> = [
		{
			name: 'refs',
			schema: z.toJSONSchema(z.object({ a: Reused, b: Reused }), { reused: 'ref' }),
			zod: z.object({ a: Reused, b: Reused }),
		},
		{ name: 'unions', schema: z.toJSONSchema(Unions), zod: Unions },
		{ name: 'recursive', schema: Recursive },
	];

	for (const { name, schema, zod } of cases) {
		it(`generates values valid against the ${name} schema for many seeds`, () => {
			const validate = ajv.compile(schema as object);
			const seen = new Set<string>();
			for (let seed = 1; seed <= 50; seed++) {
				const value = fakeFromSchema(schema, { random: mulberry32(seed) });
				seen.add(JSON.stringify(value));
				expect(validate(value), `${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`).toBe(true);
				if (zod !== undefined) expect(zod.safeParse(value).error).toBeUndefined();
			}
			// The recursive schema always nests down to maxDepth, then ends on the null branch.
			if (name === 'recursive') expect([...seen]).toEqual([`${'{"child":'.repeat(8)}null${'}'.repeat(8)}`]);
			else expect(seen.size).toBeGreaterThan(10);
		});
	}
});
