import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/services/store/createStore.js';
import { createPipelineServices } from '../../src/wiring/pipelineServices.js';
import { captureLogger, pipelineConfig, startUpstreams } from '../../standins/upstreams.js';
import { PLAYLIST_BUTTONS, readMessage, startBot, type BotHarness } from '../helpers/bot.js';

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const TRACK_ID = /\]\(https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)\)/;
const PROMPT = 'upbeat k-pop for running';
const LENGTH = 16;
const INTERVAL_MS = 150;

type Shown = ReturnType<typeof readMessage>;
const trackIds = (shown: Shown) =>
	shown.description
		.split('\n')
		.map((line) => TRACK_ID.exec(line)?.[1])
		.filter((id): id is string => id !== undefined);

/** Every edit of the reply that showed tracks, in order, and the final message. */
async function playlistEdits(handle: ReturnType<BotHarness['discord']['sendCommand']>) {
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0 || h.followUps.length > 0, 20_000);
	const shown = handle.edits.map(readMessage);
	return { previews: shown.filter((edit) => edit.embeds.length > 0 && edit.buttons.length === 0), final: shown.at(-1) };
}

/** The same request through the pipeline alone, on fresh stand-ins: what a run without progress makes. */
async function withoutProgress(): Promise<{ ids: string[]; picks: Set<string> }> {
	const upstreams = await startUpstreams();
	const config = pipelineConfig(upstreams);
	const store = await createStore(config.databaseUrl);
	try {
		const { pipeline } = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
		const seeds = new Set<string>();
		const result = await pipeline.run(PROMPT, {
			length: LENGTH,
			onProgress: (update) => update.preview?.tracks.forEach((track) => track.source === 'seed' && seeds.add(track.id)),
		});
		// A pick that is also a seed shows first as a seed, which moves; only the LLM's own finds keep their place.
		const picks = result.tracks.filter((track) => track.source === 'llm' && !seeds.has(track.id));
		return { ids: result.tracks.map((track) => track.id), picks: new Set(picks.map((track) => track.id)) };
	} finally {
		await store.close();
		await upstreams.close();
	}
}

describe('the progressive reply', () => {
	it('shows the seed tracks first, grows as picks are verified, each in its final place, and ends as a run without progress', async () => {
		bot = await startBot({ start: { progressIntervalMs: INTERVAL_MS }, upstreams: { ollama: { perTokenMs: 4 } } });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: PROMPT, length: LENGTH } });
		const { previews, final } = await playlistEdits(handle);
		const finalIds = trackIds(final ?? readMessage(undefined));

		const alone = await withoutProgress();
		expect(finalIds).toEqual(alone.ids);
		expect(final?.buttons.map((button) => button.label)).toEqual(PLAYLIST_BUTTONS);
		expect(previews.length).toBeGreaterThanOrEqual(3);
		const [first] = previews;
		// The seeds alone come first: the half of the list the catalog fills.
		expect(trackIds(first!)).toHaveLength(LENGTH / 2);
		let previous = 0;
		for (const preview of previews) {
			const ids = trackIds(preview);
			expect(ids.length).toBeGreaterThanOrEqual(previous);
			expect(ids.length).toBeLessThanOrEqual(LENGTH);
			previous = ids.length;
			expect(preview.embeds.at(-1)?.footer?.text).toBe('finding more…');
			expect(preview.content).toMatch(/…$/);
			// A verified pick is shown where the final list has it; seeds make room for it.
			ids.forEach((id, index) => {
				if (alone.picks.has(id)) expect(finalIds[index]).toBe(id);
			});
		}
		expect(previous).toBeGreaterThan(LENGTH / 2);
		const patches = handle.requests.filter((request) => request.method === 'PATCH');
		for (let index = 1; index < patches.length - 1; index++) {
			expect((patches[index]?.at ?? 0) - (patches[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS - 10);
		}
		expect(bot.discord.violations).toEqual([]);
	});

	it('announces the seed searches only when they are slow, so quick seeds are not held back an edit interval', async () => {
		const stagesShown = async (spotifyLatencyMs: number) => {
			bot = await startBot({
				start: { progressIntervalMs: 1_000 },
				// Past the interval, so the reply may be edited again the moment the prompt is read.
				upstreams: { spotify: { latencyMs: spotifyLatencyMs }, ollama: { firstTokenMs: 1_100, perTokenMs: 1 } },
			});
			const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: PROMPT, length: 6 } });
			const { final } = await playlistEdits(handle);
			expect(trackIds(final ?? readMessage(undefined))).toHaveLength(6);
			const contents = handle.edits.map((edit) => readMessage(edit).content);
			await bot.close();
			return contents;
		};
		const quick = await stagesShown(0);
		expect(quick.some((content) => content.includes('Finding tracks'))).toBe(false);
		const slow = await stagesShown(700);
		expect(slow.some((content) => content.includes('Finding tracks'))).toBe(true);
		bot = await startBot();
	});

	it('ends in a valid playlist with its buttons when the LLM fails part-way through its picks', async () => {
		bot = await startBot({ start: { progressIntervalMs: 50 }, upstreams: { ollama: { perTokenMs: 2 } } });
		const { ollama } = bot.upstreams;
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'dreamy shoegaze', length: 12 } });
		// The extraction is under way; the fault meets the next request, the picks.
		await ollama.waitForRequests((requests) => requests.some((request) => request.path === '/api/chat'));
		ollama.failNext({ kind: 'cut', fraction: 0.6 }, 2);
		const { previews, final } = await playlistEdits(handle);

		expect(previews.length).toBeGreaterThanOrEqual(1);
		expect(trackIds(final ?? readMessage(undefined))).toHaveLength(12);
		expect(final?.content).toContain('Fewer LLM picks than usual');
		expect(final?.buttons.map((button) => button.label)).toEqual(PLAYLIST_BUTTONS);
		expect(bot.discord.violations).toEqual([]);
	});

	it('keeps 50 growing tracks within every embed limit at every step', async () => {
		bot = await startBot({ start: { progressIntervalMs: 20 }, upstreams: { catalog: { hostile: true } } });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: PROMPT, length: 50 } });
		const { previews, final } = await playlistEdits(handle);

		expect(previews.length).toBeGreaterThanOrEqual(1);
		for (const shown of [...previews, final!]) {
			const total = shown.embeds.reduce(
				(sum, embed) =>
					sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0),
				0,
			);
			expect(total).toBeLessThanOrEqual(6000);
			expect(shown.embeds.every((embed) => (embed.description?.length ?? 0) <= 4096)).toBe(true);
		}
		expect(trackIds(final!)).toHaveLength(50);
		expect(bot.discord.violations).toEqual([]);
	});
});
