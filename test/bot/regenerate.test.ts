import { afterEach, describe, expect, it } from 'vitest';
import { readMessage, startBot, type BotHarness } from '../helpers/bot.js';

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const AUTHOR = '400000000000000001';

async function makePlaylist(prompt: string) {
	const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt, length: 8 }, userId: AUTHOR });
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
	return handle;
}

function regenerateId(message: Parameters<typeof readMessage>[0]): string {
	return readMessage(message).buttons.find((button) => button.label === 'Regenerate')?.custom_id ?? '';
}

describe('Regenerate', () => {
	it('runs the prompt again past the cache and replaces the list in place with a new draft', async () => {
		bot = await startBot();
		const original = await makePlaylist('happy latin party');
		const calls = bot.upstreams.ollama.totals.chatCalls;
		const oldId = regenerateId(original.message);

		const click = bot.discord.sendButton({ customId: oldId, userId: AUTHOR, message: original.message });
		expect((await click.waitForCallback()).type).toBe(6);
		await click.waitFor((h) => regenerateId(h.message) !== '' && regenerateId(h.message) !== oldId, 20_000);
		expect(bot.upstreams.ollama.totals.chatCalls).toBe(calls * 2);
		const [versionLine, ...tracks] = readMessage(click.message).description.split('\n');
		expect(versionLine).toBe('*Version 2 of 2 · Regenerated*');
		expect(tracks).toHaveLength(8);
		const back = readMessage(click.message).buttons.find((button) => button.label === '◀ Previous version');
		expect(back?.custom_id).toBe(`version:${oldId.slice('regen:'.length)}`);
		expect(bot.discord.violations).toEqual([]);
	});

	it("is refused, ephemerally, to anyone but the playlist's author", async () => {
		bot = await startBot();
		const original = await makePlaylist('happy latin party');
		const click = bot.discord.sendButton({
			customId: regenerateId(original.message),
			userId: '400000000000000002',
			message: original.message,
		});
		const callback = await click.waitForCallback();
		expect(callback).toMatchObject({
			type: 4,
			data: { flags: 64, content: expect.stringContaining('Only the person who asked') },
		});
	});

	it('still works after the bot restarts on the same database', async () => {
		bot = await startBot();
		const original = await makePlaylist('calm piano');
		const oldId = regenerateId(original.message);
		await bot.restart();
		const click = bot.discord.sendButton({ customId: oldId, userId: AUTHOR, message: original.message });
		await click.waitFor((h) => regenerateId(h.message) !== '' && regenerateId(h.message) !== oldId, 20_000);
		expect(readMessage(click.message).embeds).toHaveLength(1);
	});

	it('puts the old list back and explains when regenerating fails', async () => {
		bot = await startBot();
		const original = await makePlaylist('calm piano');
		const before = readMessage(original.message).description;
		// Searches already made are answered from the shared cache; with Ollama down the keyword fallback searches
		// anew, and those reach a Spotify that fails.
		bot.upstreams.spotify.setFault({ kind: 'status', status: 503 }, { path: /^\/v1\/search/ });
		await bot.upstreams.ollama.setFault({ kind: 'down' });
		const click = bot.discord.sendButton({
			customId: regenerateId(original.message),
			userId: AUTHOR,
			message: original.message,
		});
		await click.waitFor((h) => h.followUps.length > 0, 20_000);
		expect(click.followUps[0]).toMatchObject({
			flags: 64,
			content: expect.stringContaining('Spotify is not answering'),
		});
		expect(readMessage(click.message).description).toBe(before);
	});
});
