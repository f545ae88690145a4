import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withClaim } from '../../../src/services/store/claimOrWait.js';
import { createLinkingServices } from '../../../src/wiring/linkingServices.js';
import { createPipelineServices, type PipelineServices } from '../../../src/wiring/pipelineServices.js';
import { cacheKey } from '../../../src/services/pipeline/playlistPipeline.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { STORE_BACKENDS, useDatabase } from '../../../standins/redis.js';
import {
	captureLogger,
	pipelineConfig,
	startUpstreams,
	TEST_SPOTIFY_CLIENT,
	type Upstreams,
} from '../../../standins/upstreams.js';
import { FAST_POLICY, startLinkingHarness, type LinkingHarness } from '../linking/linkingHarness.js';

// Two pipelines or savers on two store handles of one database stand for two bot processes: they share nothing
// but the store, so only its claims can keep them from doing the same work twice.

describe.each(STORE_BACKENDS)('once across processes on $kind', ({ kind, available }) => {
	const database = useDatabase(kind, available);
	let url: string;
	const closers: (() => Promise<void>)[] = [];
	const open = async () => {
		const store = await createStore(url);
		closers.push(() => store.close());
		return store;
	};

	afterEach(async () => {
		for (const close of closers.splice(0).reverse()) await close();
	});

	describe.skipIf(!available)('pipeline', () => {
		let upstreams: Upstreams;
		/** Two processes' pipelines: one Ollama and Spotify, two handles on the store. */
		const pipelines = async (): Promise<[PipelineServices, PipelineServices]> => {
			upstreams = await startUpstreams();
			closers.push(() => upstreams.close());
			url = database.newUrl();
			const config = { ...pipelineConfig(upstreams), databaseUrl: url };
			const { logger } = captureLogger('silent');
			return [
				createPipelineServices(config, await open(), { logger }),
				createPipelineServices(config, await open(), { logger }),
			];
		};
		/** Ollama calls of one run of `prompt` on its own, to compare with. */
		const callsOfOneRun = async (services: PipelineServices, prompt: string) => {
			upstreams.ollama.resetStats();
			await services.pipeline.run(prompt, { length: 10, fresh: true });
			return upstreams.ollama.totals.chatCalls;
		};

		it('runs an identical prompt asked in two processes at once only once; the other gets the cached result', async () => {
			const [a, b] = await pipelines();
			const prompt = `dreamy shoegaze for ${kind}`;
			const [first, second] = await Promise.all([
				a.pipeline.run(prompt, { length: 10 }),
				b.pipeline.run(prompt, { length: 10 }),
			]);
			const calls = upstreams.ollama.totals.chatCalls;

			expect(second).toEqual(first);
			expect(calls).toBeGreaterThan(0);
			expect(calls).toBe(await callsOfOneRun(a, prompt));
		});

		it('runs itself once the claim of a process that died expires, and a Regenerate does not wait', async () => {
			const [services] = await pipelines();
			const dead = await open();
			const prompt = 'slow jazz for a dead process';
			// What a process killed mid-run leaves behind: a claim nobody releases.
			expect(await dead.claim(`run:${cacheKey(prompt, 10, 'mistral')}`, 600)).toBe(true);
			const started = Date.now();
			await services.pipeline.run(prompt, { length: 10 });
			expect(Date.now() - started).toBeGreaterThanOrEqual(550);
			const calls = upstreams.ollama.totals.chatCalls;
			expect(calls).toBe(await callsOfOneRun(services, prompt));

			expect(await dead.claim(`run:${cacheKey('fresh one', 10, 'mistral')}`, 60_000)).toBe(true);
			const fresh = Date.now();
			await services.pipeline.run('fresh one', { length: 10, fresh: true });
			expect(Date.now() - fresh).toBeLessThan(5_000);
		});
	});

	it.skipIf(!available)('keeps a short claim for as long as its work runs, then frees it', async () => {
		url = database.newUrl();
		const [a, b] = [await open(), await open()];
		expect(await a.claim('long-work', 300)).toBe(true);
		let stolen = false;
		// About a second of work, real time as withClaim's renewals and redis-server's expiry run on it, while the
		// other process keeps trying to take the claim.
		await withClaim({ store: a, key: 'long-work', ttlMs: 300, logger: captureLogger('silent').logger }, async () => {
			for (let tick = 0; tick < 10; tick++) {
				stolen ||= await b.claim('long-work', 300);
				await sleep(100);
			}
		});
		expect(stolen).toBe(false);
		expect(await b.claim('long-work', 300)).toBe(true);
	});

	describe.skipIf(!available)('saver', () => {
		let harness: LinkingHarness;
		const secondProcess = (store: Store) => {
			const spotify = { ...TEST_SPOTIFY_CLIENT, apiUrl: harness.spotify.url, accountsUrl: harness.spotify.url };
			const config = { spotify: { ...spotify, redirectUri: harness.redirectUri }, tokenEncryptionKey: harness.key };
			return createLinkingServices(config, store, {
				logger: captureLogger('silent').logger,
				spotifyPolicy: FAST_POLICY,
			});
		};

		it('saves a draft double-clicked in two processes at once as one playlist', async () => {
			url = database.newUrl();
			harness = await startLinkingHarness({ databaseUrl: url });
			closers.push(() => harness.close());
			await harness.link('1001', 'alice');
			const other = secondProcess(await open());
			const draft = harness.makeDraft(`draft-${kind}`, 230);

			const saves = await Promise.all(
				[harness.services, other].map((services) => services.saver.savePlaylist({ discordUserId: '1001', draft })),
			);

			expect(harness.spotify.playlists.size).toBe(1);
			expect(saves.map((save) => save.created).sort()).toEqual([false, true]);
			expect(new Set(saves.map((save) => save.playlistId)).size).toBe(1);
			const playlist = harness.spotify.playlists.get(saves[0]?.playlistId ?? '');
			expect(playlist?.uris).toEqual(draft.tracks.map((track) => track.uri));
		});
	});
});
