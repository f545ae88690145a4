import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOllamaStandin, type OllamaStandin, type PoolTrack } from '../../standins/ollama.js';
import { fakeFromSchema, mulberry32 } from '../../standins/schemaFaker.js';

// The Ollama stand-in reading durations, arcs and languages, tagging phases, and honouring "sung in <language>".

const PHASES = ['warm-up', 'build-up', 'peak', 'steady', 'wind-down', 'cool-down'] as const;
const ShapeSchema = z.object({
	genres: z.array(z.string()).min(1).max(3),
	energy: z.enum(['low', 'medium', 'high']),
	language: z.string().nullable(),
	durationMinutes: z.number().int().min(1).max(1440).nullable(),
	phases: z.array(z.enum(PHASES)).max(4),
});
const TaggedSchema = z.object({
	suggestions: z
		.array(z.object({ title: z.string(), artist: z.string(), reason: z.string(), phase: z.enum(['a', 'b', 'c']) }))
		.max(80),
});

// A scene ("rap français") and the global genre a model takes it for ("hip-hop"), each sung in its language.
const POOL: PoolTrack[] = [
	...Array.from({ length: 20 }, (_, i) => ({
		title: `Rue ${i}`,
		artist: `MC ${i}`,
		genre: 'rap français',
		language: 'french',
	})),
	...Array.from({ length: 20 }, (_, i) => ({ title: `Street ${i}`, artist: `Lil ${i}`, genre: 'hip-hop' })),
	...Array.from({ length: 20 }, (_, i) => ({
		title: `夢 ${i}`,
		artist: `Yuki ${i}`,
		genre: 'j-pop',
		language: 'japanese',
	})),
];

const started: OllamaStandin[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((standin) => standin.close()));
});

async function boot(): Promise<Ollama> {
	const standin = await startOllamaStandin({
		tracks: POOL,
		seed: 3,
		hallucinationRate: 0,
		variantRate: 0,
		genreAliases: { 'hip-hop': ['rap'] },
		genreParents: { 'rap français': 'hip-hop' },
	});
	started.push(standin);
	return new Ollama({ host: standin.url });
}

async function ask<T>(ollama: Ollama, content: string, schema: z.ZodType<T>): Promise<T> {
	const format = z.toJSONSchema(schema);
	const response = await ollama.chat({
		model: 'mistral',
		messages: [{ role: 'user', content }],
		format,
		stream: false,
	});
	return schema.parse(JSON.parse(response.message.content));
}

describe('ollama stand-in: shape of a request', () => {
	it.each([
		['a 45-minute run', 45],
		['2 hours of focus', 120],
		['an hour and a half of jazz', 90],
		['rock for the gym', null],
	])('reads the duration of "%s" as %s', async (prompt, minutes) => {
		expect((await ask(await boot(), prompt, ShapeSchema)).durationMinutes).toBe(minutes);
	});

	it.each([
		['run with a warm-up, intervals and a cool-down', ['warm-up', 'peak', 'cool-down']],
		['30-minute 5K run easing into a cool-down', ['peak', 'cool-down']],
		['focus music ending calm', ['steady', 'cool-down']],
		['jazz for a dinner', []],
	])('reads the arc of "%s"', async (prompt, phases) => {
		expect((await ask(await boot(), prompt, ShapeSchema)).phases).toEqual(phases);
	});

	it('reads the language a prompt names, or the one its scene is sung in', async () => {
		const ollama = await boot();
		expect((await ask(ollama, 'French rap', ShapeSchema)).language).toBe('French');
		expect((await ask(ollama, 'some j-pop', ShapeSchema)).language).toBe('Japanese');
		expect((await ask(ollama, 'French rap', ShapeSchema)).genres).toEqual(['hip-hop']);
	});

	it("tags each suggestion with one of the schema's phases, unsorted, the middle most often", async () => {
		const { suggestions } = await ask(await boot(), 'Suggest 40 songs.', TaggedSchema);
		expect(suggestions).toHaveLength(40);
		const count = (phase: string) => suggestions.filter((suggestion) => suggestion.phase === phase).length;
		expect(count('b')).toBeGreaterThan(count('a'));
		expect(count('b')).toBeGreaterThan(count('c'));
		expect(count('a') + count('c')).toBeGreaterThan(0);
		const order = suggestions.map((suggestion) => suggestion.phase);
		expect(order).not.toEqual([...order].sort());
	});

	it('takes a scene for its global genre too, unless told which language the songs must be sung in', async () => {
		const ollama = await boot();
		const schema = z.object({ suggestions: z.array(z.object({ title: z.string(), artist: z.string() })) });
		const scene = (titles: { title: string }[]) => titles.filter((track) => track.title.startsWith('Rue')).length;
		const loose = await ask(ollama, 'Some rap français. Suggest 20 songs.', schema);
		expect(scene(loose.suggestions)).toBeLessThan(16);
		expect(loose.suggestions.some((track) => track.title.startsWith('Street'))).toBe(true);
		const told = await ask(ollama, 'Some rap français. Suggest 20 songs. Every song must be sung in French.', schema);
		expect(scene(told.suggestions)).toBe(20);
	});
});

describe('schemaFaker: null from a hook', () => {
	it('answers null where the schema allows it and the value hook says null', () => {
		const schema = z.toJSONSchema(z.object({ minutes: z.number().int().nullable(), count: z.number().int() }));
		const value = fakeFromSchema(schema, { random: mulberry32(1), hooks: { value: () => null } });
		expect(value).toMatchObject({ minutes: null });
		expect(typeof (value as { count: unknown }).count).toBe('number');
	});
});
