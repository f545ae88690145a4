import { existsSync, readFileSync } from 'node:fs';
import { createClient } from '@keyv/redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REDIS_AVAILABLE, startRedis, type RedisServer } from '../../standins/redis.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { linkSpotify, readMessage, startBot, type BotHarness } from '../helpers/bot.js';

// What the bot holds about a user, shown by /privacy and deleted by its button or by /unlink-spotify: deleted from
// the database files too, as Spotify's Developer Policy asks when a user disconnects.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const ALICE = '520000000000000001';
const BOB = '520000000000000002';
const ALICE_PROMPT = 'zydeco accordion brunch';
const BOB_PROMPT = 'glacial ambient drone';
/** How a save record names the Spotify account in the store (tokens and profile are sealed; this is not). */
const SPOTIFY_ID = '"spotifyUserId":"alice"';

async function boot(databaseUrl?: string) {
	bot = await startBot({
		upstreams: { spotify: { autoApprove: true } },
		config: (config) => ({ ...config, databaseUrl: databaseUrl ?? config.databaseUrl }),
	});
}

/** Every key and value in the Redis database, as one text. */
async function rawRedis(url: string): Promise<string> {
	const client = createClient({ url });
	await client.connect();
	try {
		const keys = await client.keys('*');
		const read = async (key: string): Promise<string> => {
			const type = await client.type(key);
			if (type === 'string') return (await client.get(key)) ?? '';
			if (type === 'zset') return (await client.zRange(key, 0, -1)).join(' ');
			if (type === 'hash') return JSON.stringify(await client.hGetAll(key));
			if (type === 'set') return (await client.sMembers(key)).join(' ');
			return (await client.lRange(key, 0, -1)).join(' ');
		};
		return [...keys, ...(await Promise.all(keys.map(read)))].join('\n');
	} finally {
		await client.close();
	}
}

async function makePlaylist(userId: string, prompt: string): Promise<InteractionHandle> {
	const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt, length: 5 }, userId });
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
	return handle;
}

const buttonId = (handle: InteractionHandle, label: string) =>
	readMessage(handle.message).buttons.find((button) => button.label === label)?.custom_id ?? '';

async function click(handle: InteractionHandle, label: string, userId: string): Promise<string> {
	const clicked = bot.discord.sendButton({ customId: buttonId(handle, label), userId, message: handle.message });
	await clicked.waitFor((h) => h.edits.length > 0 || h.callbacks[0]?.type === 4, 20_000);
	const edit = clicked.edits.at(-1) as { content?: string } | undefined;
	return edit?.content ?? (clicked.callbacks[0]?.data as { content?: string } | undefined)?.content ?? '';
}

async function command(name: string, userId: string): Promise<InteractionHandle> {
	const handle = bot.discord.sendCommand({ name, userId });
	await handle.waitFor((h) => h.edits.length > 0, 10_000);
	return handle;
}

/** Everything SQLite has on disk for the bot's database: the file, its write-ahead log and shared memory. */
function rawDatabase(): string {
	const path = bot.config.databaseUrl.replace(/^sqlite:\/\//, '');
	return [path, `${path}-wal`, `${path}-shm`]
		.filter((file) => existsSync(file))
		.map((file) => readFileSync(file).toString('latin1'))
		.join('\n');
}

describe('/privacy and Delete my data', () => {
	it('shows the caller what is kept, and deletes all of it from the database files at one click', async () => {
		await boot();
		await linkSpotify(bot, ALICE, 'alice');
		const alices = await makePlaylist(ALICE, ALICE_PROMPT);
		expect(await click(alices, 'Save to Spotify', ALICE)).toContain('Saved as a private playlist');
		const bobs = await makePlaylist(BOB, BOB_PROMPT);
		const [playlist] = bot.upstreams.spotify.playlists.values();

		const privacy = await command('privacy', ALICE);
		expect(privacy.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		const shown = readMessage(privacy.edits.at(-1));
		expect(shown.content).toContain('**Alice**');
		expect(shown.content).toContain('1 playlist you asked for');
		expect(shown.content).toContain('1 record of playlists you saved');
		expect(shown.content).toContain('kept 30 days');
		expect(shown.buttons.map((button) => button.label)).toEqual(['Delete my data']);
		const before = rawDatabase();
		for (const trace of [ALICE, ALICE_PROMPT, playlist!.id, SPOTIFY_ID]) expect(before).toContain(trace);

		const deleted = bot.discord.sendButton({
			customId: shown.buttons[0]!.custom_id!,
			userId: ALICE,
			message: privacy.message,
		});
		await deleted.waitFor((h) => h.edits.length > 0, 10_000);
		expect((deleted.edits.at(-1) as { content: string }).content).toBe(
			'Deleted: your Spotify link, 1 playlist, 1 save record. The bot keeps nothing else about you. Playlists saved in your Spotify account stay there.',
		);

		const after = rawDatabase();
		for (const trace of [ALICE, ALICE_PROMPT, playlist!.id, SPOTIFY_ID]) expect(after).not.toContain(trace);
		expect(after).toContain(BOB_PROMPT);
		expect(await click(alices, 'Save to Spotify', BOB)).toContain('was deleted by the person who asked for it');
		expect(await click(alices, 'Regenerate', ALICE)).toContain('was deleted by the person who asked for it');
		expect(await click(bobs, 'Save to Spotify', BOB)).toContain('Link your Spotify account first');
		const again = await command('privacy', ALICE);
		expect((again.edits.at(-1) as { content: string }).content).toContain('No linked Spotify account');
	});

	it('/unlink-spotify deletes the link and the save records, which name the playlists in Spotify', async () => {
		await boot();
		await linkSpotify(bot, ALICE, 'alice');
		const alices = await makePlaylist(ALICE, ALICE_PROMPT);
		await click(alices, 'Save to Spotify', ALICE);
		const [playlist] = bot.upstreams.spotify.playlists.values();
		expect(rawDatabase()).toContain(playlist!.id);
		expect(rawDatabase()).toContain(SPOTIFY_ID);

		const unlinked = await command('unlink-spotify', ALICE);
		expect((unlinked.edits.at(-1) as { content: string }).content).toContain(
			'The records of your 1 saved playlist are deleted too.',
		);
		const after = rawDatabase();
		for (const trace of [playlist!.id, SPOTIFY_ID]) expect(after).not.toContain(trace);
		// The playlist itself stays the user's, and so does what they asked for.
		expect(after).toContain(ALICE_PROMPT);
	});
});

describe.skipIf(!REDIS_AVAILABLE)('Delete my data on Redis', () => {
	let redis: RedisServer | undefined;
	afterAll(async () => {
		await redis?.stop();
	});

	it("removes every key that holds the user, and keeps everyone else's", async () => {
		redis = await startRedis();
		await boot(redis.url);
		await linkSpotify(bot, ALICE, 'alice');
		const alices = await makePlaylist(ALICE, ALICE_PROMPT);
		await click(alices, 'Save to Spotify', ALICE);
		await makePlaylist(BOB, BOB_PROMPT);
		const before = await rawRedis(redis.url);
		for (const trace of [ALICE, ALICE_PROMPT, SPOTIFY_ID]) expect(before).toContain(trace);

		const privacy = await command('privacy', ALICE);
		const [button] = readMessage(privacy.edits.at(-1)).buttons;
		const deleted = bot.discord.sendButton({ customId: button!.custom_id!, userId: ALICE, message: privacy.message });
		await deleted.waitFor((h) => h.edits.length > 0, 10_000);

		const after = await rawRedis(redis.url);
		for (const trace of [ALICE, ALICE_PROMPT, SPOTIFY_ID]) expect(after).not.toContain(trace);
		expect(after).toContain(BOB_PROMPT);
	});
});
