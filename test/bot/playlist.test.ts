import { afterEach, describe, expect, it } from 'vitest';
import { GUILD_ID } from '../../standins/guilds.js';
import { PLAYLIST_BUTTONS, readMessage, startBot, type BotHarness } from '../helpers/bot.js';

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const TRACK_LINE = /^(\d+)\. \[(.+)\]\(https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)\) — (.+)$/;

async function finalReply(handle: ReturnType<BotHarness['discord']['sendCommand']>) {
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0 || h.followUps.length > 0, 20_000);
	return handle;
}

describe('/playlist', () => {
	it('registers its commands once, with the right options, and not again when unchanged', async () => {
		bot = await startBot();
		const commands = bot.discord.commands.guild[GUILD_ID] as { name: string; options?: Record<string, unknown>[] }[];
		const playlist = commands.find((command) => command.name === 'playlist');
		expect(playlist?.options).toEqual([
			expect.objectContaining({ name: 'prompt', type: 3, required: true, max_length: 300 }),
			expect.objectContaining({ name: 'length', type: 4, min_value: 5, max_value: 100 }),
			expect.objectContaining({ name: 'minutes', type: 4, min_value: 5, max_value: 300 }),
			expect.objectContaining({ name: 'taste', type: 5, required: false }),
			expect.objectContaining({ name: 'new-to-me', type: 5, required: false }),
			expect.objectContaining({ name: 'extend', type: 3, required: false, autocomplete: true }),
		]);
		expect(bot.discord.commandWrites).toBe(1);
		await bot.restart();
		expect(bot.discord.commandWrites).toBe(1);
	});

	it('defers at once, shows progress, then answers with the playlist embed and buttons', async () => {
		bot = await startBot();
		const handle = bot.discord.sendCommand({
			name: 'playlist',
			options: { prompt: 'upbeat k-pop for running', length: 12 },
		});
		const callback = await handle.waitForCallback();
		expect(callback.type).toBe(5);
		expect((handle.requests[0]?.at ?? Infinity) - handle.sentAt).toBeLessThan(3_000);
		await finalReply(handle);

		const progress = handle.edits.map((edit) => (edit as { content?: string }).content).filter(Boolean);
		expect(progress).toContain('🎧 Reading your prompt…');
		const { embeds, description, buttons, content } = readMessage(handle.message);
		expect(content).toBe('');
		expect(embeds).toHaveLength(1);
		const lines = description.split('\n');
		expect(lines).toHaveLength(12);
		lines.forEach((line, index) => {
			const match = TRACK_LINE.exec(line);
			expect(match?.[1]).toBe(String(index + 1));
			expect(bot.upstreams.catalog.findTrack(match?.[3] ?? '')).toBeDefined();
		});
		// The title line says how many tracks and how long, to the minute.
		const totalMs = lines.reduce(
			(sum, line) => sum + (bot.upstreams.catalog.findTrack(TRACK_LINE.exec(line)?.[3] ?? '')?.durationMs ?? 0),
			0,
		);
		expect(embeds[0]?.title).toBe(`Upbeat k-pop for running · 12 tracks · ${Math.round(totalMs / 60_000)} min`);
		const first = bot.upstreams.catalog.findTrack(TRACK_LINE.exec(lines[0] ?? '')?.[3] ?? '');
		expect(embeds[0]?.thumbnail?.url).toBe(first?.album.images[0]?.url);
		expect(embeds[0]?.footer?.text).toMatch(/^\w+ · k-pop.* · (low|medium|high) energy · \d+ suggestions? dropped$/);
		expect(buttons.map((button) => button.label)).toEqual(PLAYLIST_BUTTONS);
		const ids = buttons.map((button) => button.custom_id ?? '');
		expect(ids[0]).toMatch(/^save:[\w-]+$/);
		expect(ids[1]).toBe(ids[0]?.replace('save:', 'regen:'));
		expect(Math.max(...ids.map((id) => id.length))).toBeLessThanOrEqual(100);
		expect(bot.discord.violations).toEqual([]);
		expect(
			bot.discord.allowedMentions.every((record) => JSON.stringify(record.allowedMentions) === '{"parse":[]}'),
		).toBe(true);
	});

	it('edits progress no more than about once a second', async () => {
		bot = await startBot({ start: { progressIntervalMs: 1_000 }, upstreams: { ollama: { firstTokenMs: 700 } } });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'dark synthwave', length: 8 } });
		await finalReply(handle);
		const edits = handle.requests.filter((request) => request.method === 'PATCH');
		const progressEdits = edits.slice(0, -1);
		expect(progressEdits.length).toBeGreaterThanOrEqual(2);
		for (let index = 1; index < progressEdits.length; index++) {
			expect((progressEdits[index]?.at ?? 0) - (progressEdits[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
		}
	});

	it('escapes hostile prompts and catalog names so nothing renders as markdown, a link or a mention', async () => {
		bot = await startBot({ upstreams: { catalog: { hostile: true } } });
		const prompt = '@everyone [x](https://evil.example) **jazz** `code` <@&123456789012345678>';
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt, length: 20 } });
		await finalReply(handle);
		const { embeds, description } = readMessage(handle.message);
		const title = embeds[0]?.title ?? '';
		expect(title).not.toMatch(/(?<!\\)\[x(?<!\\)\]/);
		expect(title).not.toContain('@everyone');
		expect(title).not.toMatch(/(?<!\\)\*\*/);
		expect(title).not.toContain('<@&');
		const links = [...description.matchAll(/\]\((https?:[^)\s]+)\)/g)].map((match) => match[1]);
		expect(links.length).toBe(20);
		expect(links.every((link) => link?.startsWith('https://open.spotify.com/track/'))).toBe(true);
		expect(description).not.toContain('@everyone');
		expect(description).not.toMatch(/(?<!\\)`/);
		expect(description).not.toMatch(/(?<!\\)\*\*/);
		expect(bot.discord.violations).toEqual([]);
	});

	it('fits 50 tracks within every embed limit', async () => {
		bot = await startBot();
		const handle = bot.discord.sendCommand({
			name: 'playlist',
			options: { prompt: 'upbeat k-pop for running', length: 50 },
		});
		await finalReply(handle);
		const { embeds, description } = readMessage(handle.message);
		expect(description.split('\n').filter((line) => TRACK_LINE.test(line))).toHaveLength(50);
		const total = embeds.reduce(
			(sum, embed) =>
				sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0),
			0,
		);
		expect(total).toBeLessThanOrEqual(6000);
		expect(embeds.every((embed) => (embed.description?.length ?? 0) <= 4096)).toBe(true);
		expect(bot.discord.violations).toEqual([]);
	});

	it('shows a visible note when the playlist was made without the LLM', async () => {
		bot = await startBot();
		await bot.upstreams.ollama.setFault({ kind: 'down' });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'rock for the gym', length: 10 } });
		await finalReply(handle);
		const { content, description } = readMessage(handle.message);
		expect(content).toContain('Made from Spotify search alone, because the LLM is unavailable right now');
		expect(description.split('\n')).toHaveLength(10);
	});

	it('answers errors ephemerally and removes the public "thinking" reply', async () => {
		bot = await startBot();
		bot.upstreams.spotify.setFault({ kind: 'empty' }, { path: /^\/v1\/search/ });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'qqqq zzzz', length: 5 } });
		await handle.waitFor((h) => h.followUps.length > 0);
		const followUp = handle.followUps[0] as { content: string; flags: number };
		expect(followUp.content).toBe('Nothing found on Spotify for “qqqq zzzz”. Try other words.');
		expect(followUp.flags & 64).toBe(64);
		expect(
			handle.requests.some((request) => request.method === 'DELETE' && request.path.endsWith('/messages/@original')),
		).toBe(true);
	});

	it('gives an unexpected failure a generic ephemeral line with an error id that is also logged', async () => {
		bot = await startBot();
		const playlist = await finalReply(
			bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'jazz', length: 5 } }),
		);
		const handle = bot.discord.sendInteraction({
			type: 3,
			data: { custom_id: 'bogus:1', component_type: 2 },
			message: playlist.message,
		});
		await handle.waitForCallback();
		const body = handle.callbacks[0]?.data as { content: string; flags: number };
		const errorId = /error id: `([0-9a-f]{8})`/.exec(body.content)?.[1];
		expect(errorId).toBeDefined();
		expect(body.flags & 64).toBe(64);
		expect(bot.logs.some((line) => line.includes(`"errorId":"${errorId}"`) && line.includes('unknown button'))).toBe(
			true,
		);
	});

	it('runs one /playlist per user at a time and tells the second one why', async () => {
		bot = await startBot({ upstreams: { ollama: { firstTokenMs: 400 } } });
		const first = bot.discord.sendCommand({
			name: 'playlist',
			options: { prompt: 'jazz', length: 5 },
			userId: '200000000000000001',
		});
		await first.waitForCallback();
		const second = bot.discord.sendCommand({
			name: 'playlist',
			options: { prompt: 'rock', length: 5 },
			userId: '200000000000000001',
		});
		const callback = await second.waitForCallback();
		expect(callback.type).toBe(4);
		expect(callback.data).toMatchObject({
			content: expect.stringContaining('already have a playlist in the making'),
			flags: 64,
		});
		await finalReply(first);
	});

	it('keeps LLM requests within OLLAMA_CONCURRENCY with 20 users at once, and tells queued users their place', async () => {
		bot = await startBot({ upstreams: { ollama: { firstTokenMs: 150 } } });
		const handles = Array.from({ length: 20 }, (_, index) =>
			bot.discord.sendCommand({
				name: 'playlist',
				options: { prompt: `chill lo-fi mix number ${index}`, length: 5 },
				userId: `30000000000000${String(index).padStart(4, '0')}`,
			}),
		);
		await Promise.all(handles.map((handle) => finalReply(handle)));
		expect(bot.upstreams.ollama.maxInFlight).toBeLessThanOrEqual(2);
		expect(bot.upstreams.ollama.maxInFlight).toBe(2);
		for (const handle of handles) expect(readMessage(handle.message).embeds).toHaveLength(1);
		const texts = handles.flatMap((handle) => handle.edits.map((edit) => (edit as { content?: string }).content ?? ''));
		expect(texts.some((text) => /you are #\d+ in line/.test(text))).toBe(true);
		expect(bot.discord.violations).toEqual([]);
	});
});
