import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotHarness, type BotHarnessOptions } from '../helpers/bot.js';
import type { OllamaFault } from '../../standins/ollama.js';
import { expectPlaylist } from './expectReply.js';

// Ollama failing in every way we know of: each time the user still gets a playlist (from Spotify search alone,
// with a visible note saying why) within seconds, and the bot neither hammers Ollama nor caches the poorer result.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const SHORT_TIMEOUT = (options: BotHarnessOptions = {}): BotHarnessOptions => ({
	...options,
	config: (config) => ({ ...config, ollama: { ...config.ollama, timeoutMs: 500 } }),
});

let users = 0;
function askPlaylist(prompt: string, length = 8) {
	users += 1;
	return bot.discord.sendCommand({
		name: 'playlist',
		options: { prompt, length },
		userId: `61000000000000${String(users).padStart(4, '0')}`,
	});
}

const chatCalls = () => bot.upstreams.ollama.requests.filter((request) => request.path === '/api/chat').length;

describe('Ollama failing on every request', () => {
	it.each<{ name: string; fault: OllamaFault; note: string; calls: number }>([
		{ name: 'refuses connections', fault: { kind: 'down' }, note: 'the LLM is unavailable right now', calls: 0 },
		{ name: 'answers 500', fault: { kind: 'status', status: 500 }, note: 'the LLM failed', calls: 2 },
		{
			name: 'answers slower than the timeout',
			fault: { kind: 'slow', ms: 10_000 },
			note: 'the LLM took too long',
			calls: 1,
		},
		{
			name: 'answers with prose, not JSON',
			fault: { kind: 'garbage' },
			note: 'the LLM gave an unusable answer',
			calls: 2,
		},
		{
			name: 'answers JSON that fails the schema',
			fault: { kind: 'invalid' },
			note: 'the LLM gave an unusable answer',
			calls: 2,
		},
		{
			name: 'does not have the model',
			fault: { kind: 'model-not-found' },
			note: 'the LLM model is not installed',
			calls: 1,
		},
		{ name: 'drops the connection mid-answer', fault: { kind: 'cut' }, note: 'the LLM failed', calls: 1 },
	])('$name: a search-only playlist with a note, Ollama asked $calls time(s)', async ({ fault, note, calls }) => {
		bot = await startBot(SHORT_TIMEOUT());
		await bot.upstreams.ollama.setFault(fault);
		const reply = await expectPlaylist(bot, askPlaylist('rock for the gym'), 10_000);
		expect(reply.content).toContain(`Made from Spotify search alone, because ${note}`);
		expect(reply.content).toContain('Try **Regenerate** later');
		expect(reply.lines).toHaveLength(8);
		expect(reply.trackIds.every((id) => bot.upstreams.catalog.findTrack(id ?? '') !== undefined)).toBe(true);
		expect(chatCalls()).toBe(calls);
		// The 500 ms LLM timeout plus a few Spotify searches: nothing waits on a retry loop.
		expect(reply.ms).toBeLessThan(3_000);
	});

	it('does not cache the search-only playlist: once Ollama is back, the same prompt uses it', async () => {
		bot = await startBot();
		await bot.upstreams.ollama.setFault({ kind: 'down' });
		const degraded = await expectPlaylist(bot, askPlaylist('calm piano for reading'));
		expect(degraded.content).toContain('the LLM is unavailable');
		await bot.upstreams.ollama.setFault(null);
		const healed = await expectPlaylist(bot, askPlaylist('calm piano for reading'));
		expect(healed.content).toBe('');
		expect(chatCalls()).toBe(2);
	});

	it('names the `ollama pull` to run in the log when the configured model is not pulled', async () => {
		bot = await startBot({ config: (config) => ({ ...config, ollama: { ...config.ollama, model: 'qwen2.5' } }) });
		const reply = await expectPlaylist(bot, askPlaylist('happy latin party'));
		expect(reply.content).toContain('because the LLM model is not installed');
		const hints = bot.logs.filter((line) => line.includes('ollama pull qwen2.5'));
		expect(hints.length).toBeGreaterThan(0);
		expect(JSON.parse(hints[0] ?? '{}')).toMatchObject({ level: 40 });
		// A missing model does not come back by asking again.
		expect(chatCalls()).toBe(1);
	});
});

describe('Ollama failing once', () => {
	it.each<{ name: string; fault: OllamaFault }>([
		{ name: 'a 500', fault: { kind: 'status', status: 500 } },
		{ name: 'prose instead of JSON', fault: { kind: 'garbage' } },
		{ name: 'JSON that fails the schema', fault: { kind: 'invalid' } },
	])('after $name, asks once more and makes the full playlist', async ({ fault }) => {
		bot = await startBot();
		bot.upstreams.ollama.failNext(fault);
		const reply = await expectPlaylist(bot, askPlaylist('dark synthwave for night drives'));
		expect(reply.content).toBe('');
		expect(reply.lines).toHaveLength(8);
		// The failed extraction, its retry, and the suggestions.
		expect(chatCalls()).toBe(3);
		expect(bot.upstreams.ollama.chatRequests[1]?.messages).toEqual(bot.upstreams.ollama.chatRequests[0]?.messages);
	});
});

describe('Ollama failing while it streams suggestions', () => {
	/** Arms `fault` for the suggestions request: the extraction, slowed a little, has already taken its turn. */
	async function failSuggestions(fault: OllamaFault) {
		bot.upstreams.ollama.setLatency({ firstTokenMs: 150 });
		const handle = askPlaylist('upbeat k-pop for running', 10);
		await bot.upstreams.ollama.waitForRequests(() => bot.upstreams.ollama.chatRequests.length > 0);
		expect(bot.upstreams.ollama.chatRequests).toHaveLength(1);
		bot.upstreams.ollama.failNext(fault);
		return handle;
	}

	it('a stream cut mid-way still ends in a playlist with a note', async () => {
		bot = await startBot();
		const reply = await expectPlaylist(bot, await failSuggestions({ kind: 'cut' }));
		expect(bot.upstreams.ollama.answers[1]).toMatchObject({ stream: true, fault: 'cut' });
		expect(reply.content).toContain('Made from Spotify search alone');
		expect(reply.lines).toHaveLength(10);
	});

	it('a stream cut near its end keeps the suggestions that arrived, and says the mix is partial', async () => {
		bot = await startBot();
		const reply = await expectPlaylist(bot, await failSuggestions({ kind: 'cut', fraction: 0.8 }));
		expect(bot.upstreams.ollama.answers[1]).toMatchObject({ stream: true, fault: 'cut' });
		expect(reply.content).toContain('Fewer LLM picks than usual, the rest from Spotify search, because the LLM failed');
		expect(reply.lines).toHaveLength(10);
	});

	it('suggestions slower than the timeout are given up on time', async () => {
		bot = await startBot(SHORT_TIMEOUT());
		const reply = await expectPlaylist(bot, await failSuggestions({ kind: 'slow', ms: 10_000 }));
		expect(reply.content).toContain('because the LLM took too long');
		expect(reply.lines).toHaveLength(10);
		expect(reply.ms).toBeLessThan(3_000);
		expect(chatCalls()).toBe(2);
	});
});
