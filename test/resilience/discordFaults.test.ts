import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/services/store/createStore.js';
import { readMessage, startBot, type BotHarness } from '../helpers/bot.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { expectEphemeralMessage, expectPlaylist } from './expectReply.js';

// Discord failing around the bot: a rate-limited edit is queued and retried (the final reply still arrives, after
// every progress edit), the gateway drops and comes back, interactions arrive too late to answer, and buttons
// outlive their drafts.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const AUTHOR = '630000000000000001';
const OTHER = '630000000000000002';
const PATCH_ORIGINAL = /^\/webhooks\/\d+\/[\w-]+\/messages\/@original$/;

function askPlaylist(prompt: string, options: { userId?: string; createdAt?: number; length?: number } = {}) {
	const { length = 8, ...rest } = options;
	return bot.discord.sendCommand({ name: 'playlist', options: { prompt, length }, userId: AUTHOR, ...rest });
}

function buttonId(handle: InteractionHandle, label: string): string {
	return readMessage(handle.message).buttons.find((button) => button.label === label)?.custom_id ?? '';
}

describe('a Discord REST 429 on an edit', () => {
	it('is waited out by discord.js: every edit lands, in order, and the last one is the playlist', async () => {
		bot = await startBot({ upstreams: { ollama: { firstTokenMs: 100 } } });
		bot.discord.rateLimitNext(/^\/webhooks\//, 0.5);
		const handle = askPlaylist('upbeat k-pop for running');
		const reply = await expectPlaylist(bot, handle);
		expect(reply.lines).toHaveLength(8);

		const edits = handle.requests.filter((request) => request.method === 'PATCH' && PATCH_ORIGINAL.test(request.path));
		const limited = edits.filter((request) => request.status === 429);
		expect(limited).toHaveLength(1);
		const landed = edits.filter((request) => request.status === 200);
		expect(landed.length).toBeGreaterThanOrEqual(2);
		// Nothing lost: the rate-limited body was sent again.
		expect(landed.map((request) => request.body)).toContainEqual(limited[0]?.body);
		// discord.js held the route for the whole Retry-After, rather than retrying at once.
		expect((landed[0]?.at ?? 0) - (limited[0]?.at ?? 0)).toBeGreaterThanOrEqual(450);
		expect(edits.at(-1)?.status).toBe(200);
		expect(readMessage(edits.at(-1)?.body as Parameters<typeof readMessage>[0]).embeds).toHaveLength(1);
		expect(handle.requests.filter((request) => request.status >= 400 && request.status !== 429)).toEqual([]);
		expect(readMessage(handle.message).description).toBe(reply.message.description);
	});
});

describe('the gateway dropping', () => {
	it('resumes after a 4000 (replaying a command sent meanwhile), and re-identifies after a 4007', async () => {
		bot = await startBot();
		expect(bot.discord.identifies).toHaveLength(1);

		bot.discord.disconnectAll(4000);
		// Discord keeps this for the session and replays it on RESUME.
		const during = askPlaylist('calm piano for reading');
		await bot.discord.waitForGateway();
		await expectPlaylist(bot, during);
		expect(bot.discord.resumes).toBeGreaterThanOrEqual(1);
		expect(bot.discord.identifies).toHaveLength(1);
		expect(bot.logs.some((line) => line.includes('gateway resumed'))).toBe(true);

		bot.discord.disconnectAll(4007);
		// No session is connected now; the next one comes from a fresh IDENTIFY, as discord.js starts over after 4007.
		await bot.discord.waitForGateway();
		expect(bot.discord.identifies).toHaveLength(2);
		const after = await expectPlaylist(bot, askPlaylist('dark synthwave for night drives', { userId: OTHER }));
		expect(after.lines).toHaveLength(8);
	});
});

describe('an interaction older than 15 minutes', () => {
	it.each([
		{ name: 'a command', send: () => askPlaylist('jazz', { createdAt: Date.now() - 16 * 60_000 }) },
		{
			name: 'a button',
			send: (playlist: InteractionHandle) =>
				bot.discord.sendButton({
					customId: buttonId(playlist, 'Save to Spotify'),
					message: playlist.message,
					createdAt: Date.now() - 20 * 60_000,
				}),
		},
	])('($name) is dropped quietly, with no REST call, and logged', async ({ send }) => {
		bot = await startBot();
		const playlist = askPlaylist('chill lo-fi beats');
		await expectPlaylist(bot, playlist);
		const stale = send(playlist);
		// Gateway events are handled in order: once a later command is answered, the stale one has been seen.
		await expectPlaylist(bot, askPlaylist('rock for the gym', { userId: OTHER }));
		expect(stale.requests).toEqual([]);
		const dropped = bot.logs.filter((line) => line.includes(stale.id) && line.includes('older than 15 minutes'));
		expect(dropped).toHaveLength(1);
		expect(bot.discord.unknownRequests).toEqual([]);
	});
});

describe('buttons whose draft expired', () => {
	/** The author presses `label` on the playlist message of `original`. */
	const pressAsAuthor = (original: InteractionHandle, label: string) =>
		bot.discord.sendButton({ customId: buttonId(original, label), userId: AUTHOR, message: original.message });

	/** Lets the draft behind `handle` expire in the store, as 30 days would, through a second connection. */
	async function expireDraft(handle: InteractionHandle, alsoRequest = false) {
		const draftId = buttonId(handle, 'Save to Spotify').replace(/^save:/, '');
		const store = await createStore(bot.config.databaseUrl);
		try {
			for (const name of alsoRequest ? ['draft', 'draft-request'] : ['draft']) {
				const collection = store.collection<unknown>(name);
				const value = await collection.get(draftId);
				expect(value).toBeDefined();
				await writeExpired(() => collection.set(draftId, value, 1));
			}
		} finally {
			await store.close();
		}
	}

	/** Runs `write` (with a 1 ms TTL) on a Date a second behind, so what it writes has expired by now. */
	async function writeExpired(write: () => Promise<void>) {
		vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 1_000 });
		try {
			await write();
		} finally {
			vi.useRealTimers();
		}
	}

	it('Save says the playlist expired and offers Regenerate, which makes it again', async () => {
		bot = await startBot();
		const original = askPlaylist('happy latin party');
		await expectPlaylist(bot, original);
		await expireDraft(original);
		const oldRegenerate = buttonId(original, 'Regenerate');

		const save = bot.discord.sendButton({ customId: buttonId(original, 'Save to Spotify'), userId: AUTHOR });
		const said = await expectEphemeralMessage(bot, save);
		expect(said.content).toContain('was cleared');
		expect(said.content).toContain('Press **Regenerate**');

		const regenerate = bot.discord.sendButton({
			customId: oldRegenerate,
			userId: AUTHOR,
			message: original.message,
		});
		const again = await expectPlaylist(bot, regenerate);
		expect(again.lines).toHaveLength(8);
		expect(buttonId(regenerate, 'Regenerate')).not.toBe(oldRegenerate);
	});

	it('does not offer Regenerate to someone who cannot use it', async () => {
		bot = await startBot();
		const original = askPlaylist('happy latin party');
		await expectPlaylist(bot, original);
		await expireDraft(original);
		const save = bot.discord.sendButton({ customId: buttonId(original, 'Save to Spotify'), userId: OTHER });
		const said = await expectEphemeralMessage(bot, save);
		expect(said.content).toContain('/playlist');
		expect(said.content).not.toContain('Regenerate');
	});

	it('when even the request is gone, both buttons point to /playlist instead', async () => {
		bot = await startBot();
		const original = askPlaylist('happy latin party');
		await expectPlaylist(bot, original);
		await expireDraft(original, true);
		for (const label of ['Save to Spotify', 'Regenerate']) {
			const click = pressAsAuthor(original, label);
			const said = await expectEphemeralMessage(bot, click);
			expect(said.content).toContain('Run /playlist again');
			expect(said.content).not.toContain('Press **Regenerate**');
		}
	});

	it('Refine…, Why these? and Remove tracks say it expired as Save does, without a modal, and offer the author Regenerate', async () => {
		bot = await startBot();
		const original = askPlaylist('happy latin party');
		await expectPlaylist(bot, original);
		await expireDraft(original);
		for (const label of ['Refine…', 'Why these?']) {
			const click = pressAsAuthor(original, label);
			const said = await expectEphemeralMessage(bot, click);
			expect(said.content).toContain('has expired');
			expect(said.content).toContain('Press **Regenerate**');
			expect(click.callbacks.map((callback) => callback.type)).not.toContain(9);
		}
		const select = readMessage(original.message).selects[0];
		const removal = bot.discord.sendSelect({
			customId: select?.custom_id ?? '',
			values: [select?.options?.[0]?.value ?? ''],
			userId: AUTHOR,
			message: original.message,
		});
		expect((await expectEphemeralMessage(bot, removal)).content).toContain('has expired');
	});
});
