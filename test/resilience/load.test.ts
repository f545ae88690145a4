import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Events, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readMessage, startBot, type BotHarness } from '../helpers/bot.js';
import type { InteractionHandle } from '../../standins/discord.js';

// Fifty people at once against stand-ins with realistic latency: everyone is answered in time, the LLM is never
// asked for more than OLLAMA_CONCURRENCY at once, and nothing per interaction stays behind afterwards.

let bot: BotHarness | undefined;
afterEach(async () => {
	await bot?.close();
	bot = undefined;
});

const USERS = 50;
const CONCURRENCY = 3;
const TRACK_LINE = /^\d+\. \[.+\]\(https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)\) — .+$/;
const GENRES = ['k-pop', 'pop', 'rock', 'indie', 'jazz', 'hip-hop', 'lo-fi', 'edm', 'metal', 'classical', 'country'];
const MOODS = ['upbeat', 'chill', 'sad', 'energetic', 'dark', 'happy', 'romantic', 'calm'];
const ACTIVITIES = ['running', 'studying', 'a road trip', 'cooking', 'the gym'];

// A real collection, not an estimate: V8 exposes gc() to a context created after the flag is set.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function settledHeap(): Promise<number> {
	for (let round = 0; round < 3; round++) {
		collectGarbage();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return process.memoryUsage().heapUsed;
}

const userId = (index: number) => String(600000000000000000n + BigInt(index));

async function boot(): Promise<BotHarness> {
	return startBot({
		upstreams: {
			// First token 100–300 ms, then a few ms per token; Spotify 20–60 ms.
			ollama: { firstTokenMs: 200, perTokenMs: 2, latencyJitter: 0.5 },
			spotify: { latencyMs: 20, jitterMs: 40 },
		},
		config: (config) => ({ ...config, ollama: { ...config.ollama, concurrency: CONCURRENCY } }),
		start: { progressIntervalMs: 1_000 },
	});
}

/** Weak references to every interaction the bot receives, to prove none is kept once answered. */
function watchInteractions(harness: BotHarness): WeakRef<Interaction>[] {
	const refs: WeakRef<Interaction>[] = [];
	harness.app.client.on(Events.InteractionCreate, (interaction) => refs.push(new WeakRef(interaction)));
	return refs;
}

async function sendAll(harness: BotHarness, requests: { prompt: string; length: number }[]) {
	const handles = requests.map((request, index) =>
		harness.discord.sendCommand({ name: 'playlist', options: request, userId: userId(index) }),
	);
	// Done when the playlist is shown with its buttons (not a growing preview), or the bot answered otherwise (an
	// error reply or follow-up).
	const done = (h: InteractionHandle) =>
		(h.message?.components.length ?? 0) > 0 ||
		h.followUps.length > 0 ||
		h.callbacks.some((callback) => callback.type === 4);
	// A harness bound, not a speed target (those are the bench's): generous, as the stand-ins share the test's CPU.
	await Promise.all(handles.map((handle) => handle.waitFor(done, 55_000)));
	return handles;
}

function checkAnswer(harness: BotHarness, handle: InteractionHandle, request: { length: number }): string[] {
	const callback = handle.requests.find((recorded) => recorded.path.endsWith('/callback'));
	expect(callback?.status).toBe(204);
	expect((callback?.at ?? Infinity) - handle.sentAt).toBeLessThan(3_000);
	expect(handle.followUps).toEqual([]);
	const { embeds, description } = readMessage(handle.message);
	expect(embeds).toHaveLength(1);
	const ids = description.split('\n').map((line) => TRACK_LINE.exec(line)?.[1] ?? '');
	expect(ids).toHaveLength(request.length);
	expect(ids.every((id) => harness.upstreams.catalog.findTrack(id) !== undefined)).toBe(true);
	return ids;
}

/** Once the bot logged that it finished `count` interactions, which it logs after the last answer of each. */
function handled(harness: BotHarness, count: number): Promise<void> {
	const finished = (lines: string[]) => lines.filter((line) => line.includes('"msg":"interaction handled"')).length;
	return harness.waitForLogs((lines) => finished(lines) >= count);
}

function saveIds(handles: InteractionHandle[]): Set<string | undefined> {
	return new Set(
		handles.map(
			(handle) => readMessage(handle.message).buttons.find((button) => button.label === 'Save to Spotify')?.custom_id,
		),
	);
}

describe('under load', () => {
	it(`answers ${USERS} different prompts at once, within limits, and keeps nothing per interaction`, async () => {
		bot = await boot();
		const current = bot;
		const refs = watchInteractions(current);
		const requests = Array.from({ length: USERS }, (_, index) => ({
			prompt: `${MOODS[index % MOODS.length]} ${GENRES[index % GENRES.length]} for ${ACTIVITIES[Math.floor(index / 11)]}`,
			length: 5 + (index % 16),
		}));
		expect(new Set(requests.map((request) => request.prompt)).size).toBe(USERS);
		const heapBefore = await settledHeap();

		const handles = await sendAll(current, requests);
		handles.forEach((handle, index) => checkAnswer(current, handle, requests[index] ?? { length: 0 }));
		expect(current.discord.violations).toEqual([]);
		expect(current.upstreams.ollama.maxInFlight).toBe(CONCURRENCY);
		expect(current.upstreams.ollama.totals.chatCalls).toBeGreaterThanOrEqual(USERS * 2);
		expect(saveIds(handles).size).toBe(USERS);

		// Everyone asks again: served from the cache, and nobody is still marked as having a playlist running.
		const chatCalls = current.upstreams.ollama.totals.chatCalls;
		const again = await sendAll(current, requests);
		again.forEach((handle, index) => checkAnswer(current, handle, requests[index] ?? { length: 0 }));
		expect(current.upstreams.ollama.totals.chatCalls).toBe(chatCalls);

		await handled(current, USERS * 2);
		const heapGrowth = (await settledHeap()) - heapBefore;
		expect(refs).toHaveLength(USERS * 2);
		expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
		// The stand-ins in this process keep every request and message; the bot itself should keep next to nothing.
		expect(heapGrowth).toBeLessThan(40 * 1024 * 1024);
	}, 90_000);

	it(`serves ${USERS} identical prompts with one pipeline run`, async () => {
		bot = await boot();
		const current = bot;
		const refs = watchInteractions(current);
		const requests = Array.from({ length: USERS }, () => ({ prompt: 'Upbeat K-pop for running!', length: 15 }));
		const handles = await sendAll(current, requests);
		const lists = handles.map((handle) => checkAnswer(current, handle, { length: 15 }).join());
		expect(new Set(lists).size).toBe(1);
		expect(current.discord.violations).toEqual([]);
		// Extraction and suggestions, once.
		expect(current.upstreams.ollama.totals.chatCalls).toBe(2);
		// Each user still gets a draft of their own to save.
		expect(saveIds(handles).size).toBe(USERS);
		await handled(current, USERS);
		await settledHeap();
		expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
	}, 90_000);
});
