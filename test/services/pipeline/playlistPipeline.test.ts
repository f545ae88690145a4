import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipelineServices, type PipelineServices } from '../../../src/wiring/pipelineServices.js';
import { InvalidPromptError, NothingFoundError, RateLimitedError } from '../../../src/services/errors.js';
import { LlmWaitExpiredError } from '../../../src/services/llm/llmErrors.js';
import { normalizeArtist, songKey } from '../../../src/services/pipeline/normalize.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { captureLogger, pipelineConfig, startUpstreams, type Upstreams } from '../../../standins/upstreams.js';
import type { PipelineConfig } from '../../../src/config.js';

let upstreams: Upstreams;
let store: Store;
let config: PipelineConfig;
let services: PipelineServices;

async function boot(overrides: Parameters<typeof pipelineConfig>[1] = {}) {
	config = pipelineConfig(upstreams, overrides);
	store = await createStore(config.databaseUrl);
	services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
}

beforeEach(async () => {
	upstreams = await startUpstreams();
	await boot();
});

afterEach(async () => {
	await store.close();
	await upstreams.close();
});

const searches = () => upstreams.spotify.requests.filter((request) => request.path.startsWith('/v1/search'));

describe('playlist pipeline', () => {
	it('returns exactly the asked length of real, distinct catalog tracks, mixing verified LLM picks with seeds', async () => {
		const result = await services.pipeline.run('upbeat k-pop for running', { length: 20 });

		expect(result.tracks).toHaveLength(20);
		expect(result.degraded).toBeNull();
		for (const track of result.tracks) expect(upstreams.catalog.findTrack(track.id)?.uri).toBe(track.uri);
		expect(new Set(result.tracks.map((track) => track.id)).size).toBe(20);
		expect(new Set(result.tracks.map((track) => songKey(track.name, track.artists[0] ?? ''))).size).toBe(20);
		const perArtist = new Map<string, number>();
		for (const track of result.tracks) {
			const artist = normalizeArtist(track.artists[0] ?? '');
			perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
		}
		expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
		const llmPicks = result.tracks.filter((track) => track.source === 'llm');
		expect(llmPicks.length).toBeGreaterThanOrEqual(5);
		expect(llmPicks.every((track) => typeof track.reason === 'string' && track.reason.length > 0)).toBe(true);
		// Seeds and picks alternate while both last.
		expect(result.tracks.slice(0, 4).map((track) => track.source)).toEqual(['seed', 'llm', 'seed', 'llm']);
		expect(result.attributes.genres).toContain('k-pop');
		expect(result.name).toBe('Upbeat k-pop for running');
		expect(Object.keys(result.timingsMs).sort()).toEqual(['assemble', 'extract', 'refine', 'seed']);
	});

	it('drops hallucinated suggestions, counts them, and keeps the misspelled real ones', async () => {
		// A model that makes up more than the default quarter, so this answer surely holds some, whatever its seed.
		await store.close();
		await upstreams.close();
		upstreams = await startUpstreams({ ollama: { hallucinationRate: 0.5 } });
		await boot();
		const result = await services.pipeline.run('chill jazz for a rainy evening', { length: 15 });

		const suggested = upstreams.ollama.answers.flatMap((answer) => answer.tracks);
		const madeUp = suggested.filter((track) => track.source === 'made-up');
		expect(madeUp.length).toBeGreaterThan(0);
		const shownTitles = new Set(result.tracks.map((track) => track.name));
		for (const track of madeUp) expect(shownTitles.has(track.title)).toBe(false);
		expect(result.dropped).toBeGreaterThanOrEqual(madeUp.length);
		// Every LLM pick shown is a real song the model suggested, exactly or spelled differently (the catalog may
		// hold it twice, "Song" and "Song (feat. X)": either is the song).
		const suggestedSongs = new Set(
			suggested
				.filter((track) => track.source !== 'made-up')
				.map((track) => songKey(track.poolTrack?.title ?? '', track.poolTrack?.artist ?? '')),
		);
		for (const track of result.tracks.filter((shown) => shown.source === 'llm')) {
			expect([...suggestedSongs]).toContain(songKey(track.name, track.artists[0] ?? ''));
		}
	});

	it('serves a repeated prompt from the cache with no Ollama call and no Spotify search, also after a restart', async () => {
		const first = await services.pipeline.run('Upbeat K-pop for running!', { length: 12 });
		upstreams.spotify.resetRecords();
		upstreams.ollama.resetStats();

		const again = await services.pipeline.run('  upbeat   k-pop for RUNNING ', { length: 12 });
		expect(again.tracks.map((track) => track.id)).toEqual(first.tracks.map((track) => track.id));

		await store.close();
		store = await createStore(config.databaseUrl);
		services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
		const afterRestart = await services.pipeline.run('upbeat k-pop for running', { length: 12 });
		expect(afterRestart.tracks.map((track) => track.id)).toEqual(first.tracks.map((track) => track.id));

		expect(upstreams.spotify.requests).toHaveLength(0);
		expect(upstreams.ollama.requests).toHaveLength(0);
	});

	it('runs again when asked for a fresh result, and for another length', async () => {
		await services.pipeline.run('sad indie songs', { length: 10 });
		const calls = upstreams.ollama.totals.chatCalls;
		await services.pipeline.run('sad indie songs', { length: 10, fresh: true });
		expect(upstreams.ollama.totals.chatCalls).toBe(calls * 2);
		await services.pipeline.run('sad indie songs', { length: 11 });
		expect(upstreams.ollama.totals.chatCalls).toBe(calls * 3);
	});

	it('joins identical prompts already in flight instead of running the pipeline twice', async () => {
		const results = await Promise.all(
			[1, 2, 3, 4].map(() => services.pipeline.run('dark synthwave night drive', { length: 10 })),
		);
		expect(new Set(results.map((result) => JSON.stringify(result.tracks))).size).toBe(1);
		expect(upstreams.ollama.totals.chatCalls).toBe(2);
	});

	it('still builds a playlist, marked degraded, when Ollama is down', async () => {
		await upstreams.ollama.setFault({ kind: 'down' });
		const result = await services.pipeline.run('energetic rock for the gym', { length: 15 });
		expect(result.degraded).toBe('llm-unreachable');
		expect(result.tracks).toHaveLength(15);
		expect(result.tracks.every((track) => track.source === 'seed')).toBe(true);
		expect(result.attributes.genres).toContain('rock');
		expect(result.attributes.energy).toBe('high');
	});

	it('does not cache a degraded result, so the LLM is used again once it is back', async () => {
		await upstreams.ollama.setFault({ kind: 'down' });
		await services.pipeline.run('energetic rock for the gym', { length: 10 });
		await upstreams.ollama.setFault(null);
		const result = await services.pipeline.run('energetic rock for the gym', { length: 10 });
		expect(result.degraded).toBeNull();
	});

	it('retries once on an answer that is not JSON, then falls back to the keyword lexicon', async () => {
		upstreams.ollama.failNext({ kind: 'garbage' }, 1);
		const recovered = await services.pipeline.run('happy latin party', { length: 10 });
		expect(recovered.degraded).toBeNull();

		upstreams.ollama.resetStats();
		upstreams.ollama.failNext({ kind: 'garbage' }, 1);
		upstreams.ollama.failNext({ kind: 'invalid' }, 1);
		const degraded = await services.pipeline.run('calm classical piano for sleep', { length: 10 });
		expect(degraded.degraded).toBe('llm-invalid-answer');
		expect(upstreams.ollama.totals.chatCalls).toBe(2);
		expect(degraded.attributes).toMatchObject({ genres: ['classical'], mood: 'calm', energy: 'low' });
		expect(degraded.tracks).toHaveLength(10);
	});

	it('names a model that is not pulled as the reason for a degraded result', async () => {
		upstreams.ollama.failNext({ kind: 'model-not-found' }, 1);
		const result = await services.pipeline.run('lo-fi for studying', { length: 8 });
		expect(result.degraded).toBe('llm-model-missing');
	});

	it('falls back when Ollama is slower than the timeout', async () => {
		await store.close();
		await boot({ timeoutMs: 300 });
		await upstreams.ollama.setFault({ kind: 'slow', ms: 2_000 });
		const started = performance.now();
		const result = await services.pipeline.run('metal', { length: 6 });
		expect(result.degraded).toBe('llm-timeout');
		expect(performance.now() - started).toBeLessThan(1_500);
	});

	it('keeps catalog tracks when the suggestion step fails after a good extraction', async () => {
		const chat = upstreams.ollama;
		let calls = 0;
		chat.setResponder(() => {
			calls++;
			return calls === 1 ? undefined : { nope: true };
		});
		const result = await services.pipeline.run('country roads', { length: 10 });
		expect(result.degraded).toBe('llm-invalid-answer');
		expect(result.tracks).toHaveLength(10);
		expect(calls).toBe(3);
	});

	it('waits out a short Retry-After from Spotify instead of hammering it', async () => {
		upstreams.spotify.failNext({ kind: 'rate-limit', retryAfter: 1 }, { path: /^\/v1\/search/ });
		const result = await services.pipeline.run('pop hits', { length: 8 });
		expect(result.tracks).toHaveLength(8);
		const all = searches();
		const limited = all[0];
		const retries = all
			.slice(1)
			.filter((request) => request.query.q === limited?.query.q && request.query.offset === limited?.query.offset);
		expect(retries.length).toBeGreaterThanOrEqual(1);
		expect((retries[0]?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
	});

	it('reports a long Retry-After instead of waiting past the interaction', async () => {
		upstreams.spotify.setFault({ kind: 'rate-limit', retryAfter: 120 }, { path: /^\/v1\/search/ });
		await expect(services.pipeline.run('pop hits', { length: 8 })).rejects.toBeInstanceOf(RateLimitedError);
		expect(searches().length).toBeLessThanOrEqual(4);
	});

	it('retries Spotify 5xx a bounded number of times', async () => {
		upstreams.spotify.failNext({ kind: 'status', status: 503 }, { times: 2, path: /^\/v1\/search/ });
		const result = await services.pipeline.run('indie', { length: 6 });
		expect(result.tracks).toHaveLength(6);
	});

	it('fetches a new app token once when Spotify says the old one expired', async () => {
		await services.pipeline.run('indie', { length: 6 });
		upstreams.spotify.expireAccessTokens({ includeApp: true });
		upstreams.spotify.resetRecords();
		const result = await services.pipeline.run('metal', { length: 6 });
		expect(result.tracks).toHaveLength(6);
		const grants = upstreams.spotify.requests.filter((request) => request.path === '/api/token');
		expect(grants).toHaveLength(1);
		expect(
			upstreams.spotify.requests.filter((request) => request.path.startsWith('/v1/search')).length,
		).toBeGreaterThan(1);
	});

	it('keeps catalog tracks when the suggestion stream is cut mid-way', async () => {
		// The first chat (extraction) is answered normally, the second (suggestions, streamed) is cut.
		upstreams.ollama.failNext({ kind: 'slow', ms: 1 }, 1);
		upstreams.ollama.failNext({ kind: 'cut' }, 1);
		const result = await services.pipeline.run('happy pop', { length: 8 });
		expect(upstreams.ollama.answers.map((answer) => answer.fault)).toEqual(['slow', 'cut']);
		expect(result.degraded).toBe('llm-error');
		expect(result.tracks).toHaveLength(8);
		expect(result.tracks.filter((track) => track.source === 'llm')).toEqual([]);
	});

	it('keeps the verified suggestions that arrived before the stream was cut', async () => {
		upstreams.ollama.failNext({ kind: 'slow', ms: 1 }, 1);
		upstreams.ollama.failNext({ kind: 'cut', fraction: 0.8 }, 1);
		const result = await services.pipeline.run('happy pop', { length: 8 });
		expect(upstreams.ollama.answers.map((answer) => answer.fault)).toEqual(['slow', 'cut']);
		expect(result.degraded).toBe('llm-error');
		expect(result.tracks).toHaveLength(8);
		const suggested = upstreams.ollama.answers[1]?.content ?? '';
		const picks = result.tracks.filter((track) => track.source === 'llm');
		expect(picks.length).toBeGreaterThan(0);
		// Only suggestions that arrived before the cut: each pick's reason is the LLM's, from the part it sent.
		const sent = suggested.slice(0, Math.floor(suggested.length * 0.8));
		for (const pick of picks) expect(sent).toContain(JSON.stringify(pick.reason).slice(1, -1));
		expect(await services.pipeline.run('happy pop', { length: 8 })).not.toMatchObject({ degraded: 'llm-error' });
	});

	it('never sends a search limit above 10 and never calls a removed endpoint', async () => {
		await services.pipeline.run('upbeat k-pop for running', { length: 50 });
		const limits = searches().map((request) => Number(request.query.limit));
		expect(limits.length).toBeGreaterThan(3);
		expect(Math.max(...limits)).toBeLessThanOrEqual(10);
		expect(Math.min(...limits)).toBeGreaterThanOrEqual(1);
		expect(upstreams.spotify.deprecatedCalls).toEqual([]);
		expect(upstreams.spotify.unknownCalls).toEqual([]);
	});

	it('says nothing was found instead of returning an empty playlist', async () => {
		upstreams.spotify.setFault({ kind: 'empty' }, { path: /^\/v1\/search/ });
		await expect(services.pipeline.run('zzzz qqqq', { length: 5 })).rejects.toBeInstanceOf(NothingFoundError);
	});

	it('rejects an empty prompt, a length and a duration out of range before calling anyone', async () => {
		await expect(services.pipeline.run('   \u200b ', { length: 10 })).rejects.toBeInstanceOf(InvalidPromptError);
		await expect(services.pipeline.run('x'.repeat(301), { length: 10 })).rejects.toBeInstanceOf(InvalidPromptError);
		await expect(services.pipeline.run('jazz', { length: 101 })).rejects.toBeInstanceOf(InvalidPromptError);
		await expect(services.pipeline.run('jazz', { length: 10, minutes: 4 })).rejects.toBeInstanceOf(InvalidPromptError);
		await expect(services.pipeline.run('jazz', { length: 10, minutes: 301 })).rejects.toBeInstanceOf(
			InvalidPromptError,
		);
		expect(upstreams.ollama.requests).toHaveLength(0);
		expect(upstreams.spotify.requests).toHaveLength(0);
	});
});

describe('LLM_SPOTIFY_CONTEXT', () => {
	/** The catalog titles and artist names found in any request the bot sent to the LLM. */
	function catalogTextSentToLlm(): string[] {
		const sent = upstreams.ollama.chatRequests.flatMap((body) => body.messages.map((message) => message.content));
		const names = upstreams.catalog.tracks.flatMap((track) => [
			track.name,
			...track.artists.map((artist) => artist.name),
		]);
		return [...new Set(names)].filter((name) => sent.some((text) => text.includes(name)));
	}

	it('off: no catalog title or artist appears in any LLM request, and the playlist is still made', async () => {
		await store.close();
		config = { ...pipelineConfig(upstreams), llmSpotifyContext: false };
		store = await createStore(config.databaseUrl);
		services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
		const result = await services.pipeline.run('upbeat k-pop for running', { length: 15 });
		expect(result.tracks).toHaveLength(15);
		expect(result.tracks.some((track) => track.source === 'llm')).toBe(true);
		expect(upstreams.ollama.chatRequests.length).toBeGreaterThanOrEqual(2);
		expect(catalogTextSentToLlm()).toEqual([]);
	});

	it('on (the default): the seed tracks found on Spotify are shown to the LLM', async () => {
		await services.pipeline.run('upbeat k-pop for running', { length: 15 });
		expect(catalogTextSentToLlm().length).toBeGreaterThan(0);
	});
});

describe('a request whose answer could no longer reach the user', () => {
	it('is dropped before it uses LLM time, with LlmWaitExpiredError, not turned into a playlist without the LLM', async () => {
		await expect(
			services.pipeline.run('forty minutes of doom jazz', { length: 10, notAfter: Date.now() - 1 }),
		).rejects.toBeInstanceOf(LlmWaitExpiredError);
		expect(upstreams.ollama.chatRequests).toHaveLength(0);
	});
});
