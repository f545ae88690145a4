import { afterEach, describe, expect, it } from 'vitest';
import { linkSpotify, readMessage, startBot, type BotHarness, type BotHarnessOptions } from '../helpers/bot.js';

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const ALICE = '500000000000000001';
const BOB = '500000000000000002';

async function boot(options: BotHarnessOptions = {}) {
	bot = await startBot({
		...options,
		upstreams: { ...options.upstreams, spotify: { autoApprove: true, ...options.upstreams?.spotify } },
	});
}

function link(userId: string, spotifyUser: string) {
	return linkSpotify(bot, userId, spotifyUser);
}

async function makePlaylist(length = 8) {
	const handle = bot.discord.sendCommand({
		name: 'playlist',
		options: { prompt: 'happy latin party', length },
		userId: ALICE,
	});
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
	return handle;
}

function saveId(message: Parameters<typeof readMessage>[0]): string {
	return readMessage(message).buttons.find((button) => button.label === 'Save to Spotify')?.custom_id ?? '';
}

async function clickSave(playlist: Awaited<ReturnType<typeof makePlaylist>>, userId: string) {
	const click = bot.discord.sendButton({ customId: saveId(playlist.message), userId, message: playlist.message });
	await click.waitFor((h) => h.edits.length > 0, 20_000);
	return { click, reply: click.edits.at(-1) as { content: string; components?: unknown } };
}

const playlistCreations = () =>
	bot.upstreams.spotify.requests.filter((request) => request.method === 'POST' && request.path === '/v1/me/playlists');

describe('Spotify linking from Discord', () => {
	it('/link-spotify answers ephemerally with an encoded authorize link, and the callback links the account', async () => {
		await boot();
		const { handle, url, callback, page } = await link(ALICE, 'alice');
		expect(handle.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		const authorize = new URL(url);
		expect(`${authorize.origin}${authorize.pathname}`).toBe(`${bot.upstreams.spotify.url}/authorize`);
		expect(authorize.searchParams.get('client_id')).toBe(bot.config.spotify.clientId);
		expect(authorize.searchParams.get('response_type')).toBe('code');
		expect(authorize.searchParams.get('redirect_uri')).toBe(bot.config.spotify.redirectUri);
		expect(authorize.searchParams.get('scope')?.split(' ').sort()).toEqual(
			['playlist-modify-private', 'playlist-read-private', 'user-read-private'].sort(),
		);
		expect(Buffer.from(authorize.searchParams.get('state') ?? '', 'base64url')).toHaveLength(32);
		expect(url).not.toMatch(/ /);
		expect(callback.status).toBe(200);
		expect(page).toContain('Alice');

		const again = bot.discord.sendCommand({ name: 'link-spotify', userId: ALICE });
		await again.waitFor((h) => (h.message?.components.length ?? 0) > 0);
		expect(readMessage(again.message).content).toContain('You are linked as **Alice**');
		expect(bot.discord.violations).toEqual([]);
	});

	it('Save without a link says to link first and calls no Spotify user endpoint', async () => {
		await boot();
		const playlist = await makePlaylist();
		bot.upstreams.spotify.resetRecords();
		const { click, reply } = await clickSave(playlist, BOB);
		expect(click.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(reply.content).toContain('/link-spotify');
		expect(bot.upstreams.spotify.requests).toHaveLength(0);
	});

	it('Save creates one private playlist with the draft’s tracks in order, once per user', async () => {
		await boot();
		await link(ALICE, 'alice');
		await link(BOB, 'bob');
		const playlist = await makePlaylist(12);
		const shown = [...readMessage(playlist.message).description.matchAll(/open\.spotify\.com\/track\/(\w+)/g)].map(
			(match) => `spotify:track:${match[1]}`,
		);

		const first = await clickSave(playlist, ALICE);
		expect(first.reply.content).toContain('Saved as a private playlist with 12 tracks');
		const openUrl = readMessage(first.reply).buttons[0]?.url;
		const saved = [...bot.upstreams.spotify.playlists.values()];
		expect(saved).toHaveLength(1);
		expect(saved[0]).toMatchObject({
			ownerId: 'alice',
			public: false,
			name: 'Happy latin party',
			description: 'Made by promptlist from: happy latin party',
		});
		expect(saved[0]?.uris).toEqual(shown);
		expect(openUrl).toBe(`https://open.spotify.com/playlist/${saved[0]?.id}`);

		const again = await clickSave(playlist, ALICE);
		expect(again.reply.content).toContain('already saved');
		expect(readMessage(again.reply as Parameters<typeof readMessage>[0]).buttons[0]?.url).toBe(openUrl);
		await clickSave(playlist, BOB);
		expect([...bot.upstreams.spotify.playlists.values()].map((item) => item.ownerId).sort()).toEqual(['alice', 'bob']);
		expect(playlistCreations()).toHaveLength(2);
	});

	it('Save still works after a restart, without a second playlist', async () => {
		await boot();
		await link(ALICE, 'alice');
		const playlist = await makePlaylist();
		await clickSave(playlist, ALICE);
		await bot.restart();
		const again = await clickSave(playlist, ALICE);
		expect(again.reply.content).toContain('already saved');
		expect(playlistCreations()).toHaveLength(1);
	});

	it('tells a user a development-mode app does not know to ask the owner, at linking and at saving', async () => {
		await boot({ upstreams: { spotify: { allowedUserIds: ['alice'] } } });
		const { callback, page } = await link(BOB, 'bob');
		expect(callback.status).toBe(403);
		expect(page).toMatch(/dashboard/i);

		await link(ALICE, 'alice');
		const playlist = await makePlaylist();
		// Later the owner removes Alice from the app's users: Spotify answers 403.
		bot.upstreams.spotify.failNext(
			{
				kind: 'status',
				status: 403,
				body: {
					error: {
						status: 403,
						message: 'Check settings on developer.spotify.com/dashboard, the user may not be registered.',
					},
				},
			},
			{ path: /^\/v1\/me\/playlists/ },
		);
		const { reply } = await clickSave(playlist, ALICE);
		expect(reply.content).toContain('development mode');
		expect(reply.content).toContain('User Management');
	});

	it('asks to relink when Spotify revoked the link, and forgets it', async () => {
		await boot();
		await link(ALICE, 'alice');
		const playlist = await makePlaylist();
		bot.upstreams.spotify.expireAccessTokens({ userId: 'alice' });
		bot.upstreams.spotify.revokeRefreshTokens('alice');
		const { reply } = await clickSave(playlist, ALICE);
		expect(reply.content).toContain('Run **/link-spotify** to link it again');
		const next = await clickSave(playlist, ALICE);
		expect(next.reply.content).toContain('Link your Spotify account first');
	});

	it('says a playlist whose draft and request are gone has expired, and to run /playlist again', async () => {
		await boot();
		await link(ALICE, 'alice');
		const playlist = await makePlaylist();
		const click = bot.discord.sendInteraction({
			type: 3,
			data: { custom_id: 'save:unknownDraft0', component_type: 2 },
			message: playlist.message,
			userId: ALICE,
		});
		await click.waitFor((h) => h.edits.length > 0);
		expect((click.edits[0] as { content: string }).content).toContain('Run /playlist again');
	});

	it('/unlink-spotify forgets the account and says how to revoke access on Spotify', async () => {
		await boot();
		await link(ALICE, 'alice');
		const handle = bot.discord.sendCommand({ name: 'unlink-spotify', userId: ALICE });
		await handle.waitFor((h) => h.edits.length > 0);
		expect((handle.edits[0] as { content: string }).content).toMatch(/unlinked[\s\S]*spotify\.com\/account\/apps/);
		const playlist = await makePlaylist();
		const { reply } = await clickSave(playlist, ALICE);
		expect(reply.content).toContain('Link your Spotify account first');
	});
});
