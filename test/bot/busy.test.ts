import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotHarness } from '../helpers/bot.js';
import { expectEphemeralMessage, expectPlaylist } from '../resilience/expectReply.js';

// A bounded LLM queue (OLLAMA_QUEUE_MAX): past it, a user is told at once that the bot is busy, instead of a wait
// that outlives their interaction.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const user = (index: number) => `53000000000000000${index}`;

describe('OLLAMA_QUEUE_MAX', () => {
	it('tells the user beyond the line that the bot is busy, at once, while the others get their playlists', async () => {
		bot = await startBot({
			upstreams: { ollama: { firstTokenMs: 800 } },
			config: (config) => ({ ...config, ollama: { ...config.ollama, concurrency: 1, queueMax: 1 } }),
		});
		const ask = (index: number) =>
			bot.discord.sendCommand({
				name: 'playlist',
				options: { prompt: `late night lo-fi study ${index}`, length: 5 },
				userId: user(index),
			});
		const running = ask(1);
		await bot.upstreams.ollama.waitForRequests((requests) => requests.length >= 1);
		const waiting = ask(2);
		await waiting.waitFor((h) =>
			h.edits.some((edit) => /#1 in line/.test((edit as { content?: string }).content ?? '')),
		);
		const refused = ask(3);
		const busy = await expectEphemeralMessage(bot, refused);
		expect(busy.content).toContain('The bot is busy right now');
		// Told at once: the user ahead of them in line is still waiting for the LLM.
		expect(waiting.message?.components ?? []).toEqual([]);
		expect(bot.upstreams.ollama.chatRequests.some((body) => JSON.stringify(body).includes('study 3'))).toBe(false);
		await expectPlaylist(bot, running);
		await expectPlaylist(bot, waiting);
	});
});
