import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipelineServices, type PipelineServices } from '../../../src/wiring/pipelineServices.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import type { PlaylistResult } from '../../../src/services/pipeline/playlistTypes.js';
import { captureLogger, pipelineConfig, startUpstreams, type Upstreams } from '../../../standins/upstreams.js';

// Duration, arc and language, through the pipeline against the Spotify and Ollama stand-ins.

let upstreams: Upstreams;
let store: Store;
let services: PipelineServices;

beforeEach(async () => {
	upstreams = await startUpstreams();
	const config = pipelineConfig(upstreams);
	store = await createStore(config.databaseUrl);
	services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
});

afterEach(async () => {
	await store.close();
	await upstreams.close();
});

const MINUTE = 60_000;
const totalMs = (result: PlaylistResult) => result.tracks.reduce((sum, track) => sum + track.durationMs, 0);
const tolerance = (minutes: number) => Math.max(3 * MINUTE, 0.05 * minutes * MINUTE);
const searches = () => upstreams.spotify.requests.filter((request) => request.path.startsWith('/v1/search'));

describe('a playlist made to a duration', () => {
	it.each([10, 45, 120])('lasts %i minutes, within 3 minutes or 5 percent', async (minutes) => {
		// Pop and hip-hop tracks last 2.5 to 4.3 minutes on the stand-in's catalog.
		const result = await services.pipeline.run('upbeat pop and hip-hop for a party', { length: 15, minutes });
		expect(Math.abs(totalMs(result) - minutes * MINUTE)).toBeLessThanOrEqual(tolerance(minutes));
		expect(result.minutes).toBe(minutes);
		expect(result.length).toBe(result.tracks.length);
		expect(result.tracks.length).toBeGreaterThanOrEqual(Math.floor(minutes / 5));
		expect(result.tracks.some((track) => track.source === 'llm')).toBe(true);
	});

	it('reads the duration from the prompt alone: "a 45-minute run"', async () => {
		const result = await services.pipeline.run('a 45-minute run', { length: 15 });
		expect(result.attributes.durationMinutes).toBe(45);
		expect(result.minutes).toBe(45);
		expect(result.asked).toEqual({ length: 15 });
		expect(Math.abs(totalMs(result) - 45 * MINUTE)).toBeLessThanOrEqual(tolerance(45));
	});

	it('takes the minutes asked for over the length and over the prompt, and caches by them', async () => {
		const result = await services.pipeline.run('a 45-minute run', { length: 40, minutes: 20 });
		expect(result.minutes).toBe(20);
		expect(result.asked).toEqual({ length: 40, minutes: 20 });
		expect(Math.abs(totalMs(result) - 20 * MINUTE)).toBeLessThanOrEqual(tolerance(20));
		expect(result.tracks.length).toBeLessThan(40);
		const calls = upstreams.ollama.totals.chatCalls;
		// The same minutes with another length: the same playlist, from the cache.
		const again = await services.pipeline.run('a 45-minute run', { length: 12, minutes: 20 });
		expect(again.tracks.map((track) => track.id)).toEqual(result.tracks.map((track) => track.id));
		expect(upstreams.ollama.totals.chatCalls).toBe(calls);
		await services.pipeline.run('a 45-minute run', { length: 12, minutes: 25 });
		expect(upstreams.ollama.totals.chatCalls).toBe(calls * 2);
		// Forgetting the request forgets its cached result.
		await services.pipeline.forget('a 45-minute run', 40, 20);
		await services.pipeline.run('a 45-minute run', { length: 40, minutes: 20 });
		expect(upstreams.ollama.totals.chatCalls).toBe(calls * 3);
	});
});

describe('a playlist on an energy arc', () => {
	it('orders warm-up → peak → cool-down by the phases the LLM tagged and the energy each search asked for', async () => {
		// A model that names only real songs, so enough picks survive the seeds' artists to show their places.
		await store.close();
		await upstreams.close();
		upstreams = await startUpstreams({ ollama: { hallucinationRate: 0 } });
		const config = pipelineConfig(upstreams);
		store = await createStore(config.databaseUrl);
		services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
		const prompt = '40-minute rock workout with a warm-up, a peak and a cool-down';
		const result = await services.pipeline.run(prompt, { length: 15 });
		expect(result.phases).toEqual(['warm-up', 'peak', 'cool-down']);
		const order = result.tracks.map((track) => result.phases?.indexOf(track.phase as never) ?? -1);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(new Set(order)).toEqual(new Set([0, 1, 2]));
		// Every LLM pick sits in the phase the model tagged it with; the tags came unsorted.
		const refine = upstreams.ollama.answers.at(-1)!;
		const tags = new Map(
			refine.tracks.map((track) => [`${track.poolTrack?.title}|${track.poolTrack?.artist}`, track.phase]),
		);
		const picks = result.tracks.filter((track) => track.source === 'llm');
		expect(picks.length).toBeGreaterThan(2);
		for (const pick of picks) expect(pick.phase).toBe(tags.get(`${pick.name}|${pick.artists[0]}`));
		const tagOrder = refine.tracks.map((track) => result.phases?.indexOf(track.phase as never) ?? -1);
		expect(tagOrder).not.toEqual([...tagOrder].sort((a, b) => a - b));
		// The search that asked for calm music fills the cool-down, the prompt's own energy the peak.
		const calm = result.tracks.filter((track) => track.source === 'seed' && track.reason?.endsWith(' calm'));
		expect(calm.length).toBeGreaterThan(0);
		expect(calm.every((track) => track.phase === 'cool-down')).toBe(true);
		expect(searches().some((request) => request.query.q === 'rock calm')).toBe(true);
		// The LLM was asked for phases, and its answer's schema allowed only these.
		const request = upstreams.ollama.chatRequests.at(-1)!;
		expect(request.messages.at(-1)?.content).toMatch(/warm-up \(about \d+ %\), peak \(about \d+ %\), cool-down/);
		expect(JSON.stringify(request.format)).toContain('"enum":["warm-up","peak","cool-down"]');
		expect(Math.abs(totalMs(result) - 40 * MINUTE)).toBeLessThanOrEqual(tolerance(40));
	});

	it('keeps the interleaving of today without an arc, and asks for no phase', async () => {
		const result = await services.pipeline.run('energetic rock for the gym', { length: 10 });
		expect(result.phases).toBeUndefined();
		expect(result.tracks.every((track) => track.phase === undefined)).toBe(true);
		expect(result.tracks.slice(0, 4).map((track) => track.source)).toEqual(['seed', 'llm', 'seed', 'llm']);
		expect(JSON.stringify(upstreams.ollama.chatRequests.at(-1)?.format)).not.toContain('phase');
	});
});

describe('a playlist in a language', () => {
	it('searches the scene in the language’s words and market, asks the LLM for songs sung in it, and verifies there', async () => {
		const result = await services.pipeline.run('French rap', { length: 15 });
		expect(result.attributes.language).toBe('French');
		const seedSearches = searches().filter((request) => !request.query.q?.startsWith('track:'));
		const checks = searches().filter((request) => request.query.q?.startsWith('track:'));
		expect(seedSearches.length).toBeGreaterThan(0);
		expect(seedSearches.every((request) => request.query.market === 'FR')).toBe(true);
		expect(seedSearches.some((request) => request.query.q?.includes('genre:"rap français"'))).toBe(true);
		expect(seedSearches.some((request) => request.query.q?.includes('genre:"hip-hop"'))).toBe(false);
		expect(checks.length).toBeGreaterThan(0);
		expect(checks.filter((request) => request.query.market === 'FR').length).toBeGreaterThanOrEqual(
			checks.filter((request) => request.query.market === undefined).length,
		);
		expect(upstreams.ollama.chatRequests.at(-1)?.messages.at(-1)?.content).toContain(
			'Every song must be sung in French.',
		);
		const french = result.tracks.filter((track) => upstreams.catalog.findTrack(track.id)?.language === 'french');
		expect(french.length / result.tracks.length).toBeGreaterThanOrEqual(0.9);
	});

	it('leaves an English prompt as it was: no market, no language demand', async () => {
		await services.pipeline.run('sad indie songs', { length: 10 });
		expect(searches().every((request) => request.query.market === undefined)).toBe(true);
		expect(upstreams.ollama.chatRequests.at(-1)?.messages.at(-1)?.content).not.toContain('sung in');
	});
});
