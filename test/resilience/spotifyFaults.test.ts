import { afterEach, describe, expect, it } from 'vitest';
import type { SpotifyRequestPolicy } from '../../src/services/spotify/spotifyRequest.js';
import {
	linkSpotify as linkAccount,
	readMessage,
	startBot,
	type BotHarness,
	type BotHarnessOptions,
} from '../helpers/bot.js';
import type { InteractionHandle } from '../../standins/discord.js';
import type { RecordedRequest, SpotifyFault } from '../../standins/spotify.js';
import { expectEphemeralMessage, expectPlaylist } from './expectReply.js';

// Spotify failing: short waits are waited out (never hammered), long ones and dead ends are told to the user at
// once, expired tokens are refreshed exactly once, and every interaction ends with a valid reply.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const ALICE = '620000000000000001';
const SEARCH = /^\/v1\/search/;

function boot(options: BotHarnessOptions & { policy?: SpotifyRequestPolicy } = {}) {
	return startBot({
		...options,
		start: { ...options.start, spotifyPolicy: options.policy },
		upstreams: { ...options.upstreams, spotify: { autoApprove: true } },
	});
}

let users = 0;
function askPlaylist(prompt: string, length = 8, userId?: string) {
	users += 1;
	return bot.discord.sendCommand({
		name: 'playlist',
		options: { prompt, length },
		userId: userId ?? `62100000000000${String(users).padStart(4, '0')}`,
	});
}

const searches = () => bot.upstreams.spotify.requests.filter((request) => SEARCH.test(request.path));
const callKey = (request: RecordedRequest) =>
	`${request.query.q} @${request.query.offset} in ${request.query.market ?? 'any market'}`;

/** The search requests grouped by query and offset: each group is one call and its retries. */
function searchCalls(): Map<string, RecordedRequest[]> {
	const calls = new Map<string, RecordedRequest[]>();
	for (const request of searches()) calls.set(callKey(request), [...(calls.get(callKey(request)) ?? []), request]);
	return calls;
}

const gaps = (requests: RecordedRequest[]) =>
	requests.slice(1).map((request, index) => request.at - (requests[index]?.at ?? 0));

describe('Spotify 429 Too Many Requests', () => {
	it('waits out a short Retry-After before asking again, once, and answers with the playlist', async () => {
		bot = await boot();
		bot.upstreams.spotify.failNext({ kind: 'rate-limit', retryAfter: 1 }, { path: SEARCH });
		const reply = await expectPlaylist(bot, askPlaylist('jazz for a rainy day'));
		expect(reply.lines).toHaveLength(8);
		const [limited, retried] = searchCalls().get(callKey(searches()[0] as RecordedRequest)) ?? [];
		expect(searchCalls().get(callKey(searches()[0] as RecordedRequest))).toHaveLength(2);
		const waited = (retried?.at ?? 0) - (limited?.at ?? 0);
		expect(waited).toBeGreaterThanOrEqual(990);
		expect(waited).toBeLessThan(2_000);
		expect(reply.ms).toBeGreaterThanOrEqual(1_000);
	});

	it('reports a Retry-After longer than it may wait instead of waiting past the interaction', async () => {
		bot = await boot();
		bot.upstreams.spotify.failNext({ kind: 'rate-limit', retryAfter: 600 }, { path: SEARCH });
		const reply = await expectEphemeralMessage(bot, askPlaylist('metal for lifting'));
		expect(reply.content).toBe('Spotify asks us to slow down. Please try again in 600 seconds.');
		expect(reply.ms).toBeLessThan(3_000);
		const limited = searches()[0];
		expect(limited && searchCalls().get(callKey(limited))).toHaveLength(1);
	});

	it('says the bot is paused when the 429 is the app’s quota', async () => {
		bot = await boot();
		bot.upstreams.spotify.failNext({ kind: 'rate-limit', retryAfter: 5, quota: true }, { path: SEARCH });
		const reply = await expectEphemeralMessage(bot, askPlaylist('metal for lifting'));
		expect(reply.content).toContain('Spotify has paused this bot for a while');
		const limited = searches()[0];
		expect(limited && searchCalls().get(callKey(limited))).toHaveLength(1);
	});
});

describe('Spotify 5xx and dropped connections', () => {
	it.each<{ name: string; fault: SpotifyFault }>([
		{ name: '500', fault: { kind: 'status', status: 500 } },
		{ name: '502', fault: { kind: 'status', status: 502 } },
		{ name: '503', fault: { kind: 'status', status: 503 } },
		{ name: 'a dropped connection', fault: { kind: 'down' } },
	])('retries a search after $name once and makes the full playlist', async ({ fault }) => {
		bot = await boot();
		bot.upstreams.spotify.failNext(fault, { path: SEARCH });
		const reply = await expectPlaylist(bot, askPlaylist('happy latin party'));
		expect(reply.content).toBe('');
		expect(reply.lines).toHaveLength(8);
		const calls = [...searchCalls().values()];
		expect(calls.filter((call) => call.length === 2)).toHaveLength(1);
		expect(calls.every((call) => call.length <= 2)).toBe(true);
	});

	it('gives up after the bounded, jittered retries and says Spotify is not answering', async () => {
		const policy = {
			timeoutMs: 2_000,
			retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 400 },
			maxRetryAfterSeconds: 5,
		};
		bot = await boot({ policy });
		bot.upstreams.spotify.setFault({ kind: 'status', status: 503 }, { path: SEARCH });
		const reply = await expectEphemeralMessage(bot, askPlaylist('happy latin party'));
		expect(reply.content).toBe('Spotify is not answering right now. Please try again in a minute.');
		expect(readMessage(bot.discord.lastMessage).content).toBe(reply.content);
		// Calls still retrying when the first one gave up finish their own attempts: wait for their last ones.
		const allTried = () => [...searchCalls().values()].every((call) => call.length === 3);
		await bot.upstreams.spotify.waitForRequests(allTried, 2_000).catch(() => undefined);
		const calls = [...searchCalls().values()];
		expect(calls.length).toBeGreaterThan(1);
		for (const call of calls) {
			expect(call).toHaveLength(3);
			const [first = 0, second = 0] = gaps(call);
			// Jittered between half and all of the exponential step (50–100 ms, then 100–200 ms), plus scheduling slack.
			expect(first).toBeGreaterThanOrEqual(45);
			expect(first).toBeLessThan(400);
			expect(second).toBeGreaterThanOrEqual(95);
			expect(second).toBeLessThan(600);
		}
		const firstGaps = calls.map((call) => gaps(call)[0]);
		expect(new Set(firstGaps).size).toBeGreaterThan(1);
	});
});

describe('Spotify timeouts', () => {
	const policy = { timeoutMs: 300, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, maxRetryAfterSeconds: 5 };

	it('gives up on searches slower than the timeout after two tries, in well under the 15-minute token life', async () => {
		bot = await boot({ policy });
		bot.upstreams.spotify.setFault({ kind: 'slow', ms: 5_000 }, { path: SEARCH });
		const reply = await expectEphemeralMessage(bot, askPlaylist('indie for a road trip'));
		expect(reply.content).toBe('Spotify is not answering right now. Please try again in a minute.');
		expect(reply.ms).toBeLessThan(2_500);
		const limited = searches()[0];
		expect(limited && searchCalls().get(callKey(limited))).toHaveLength(2);
	});

	it('recovers from one slow search by asking again', async () => {
		bot = await boot({ policy });
		bot.upstreams.spotify.failNext({ kind: 'slow', ms: 5_000 }, { path: SEARCH });
		const reply = await expectPlaylist(bot, askPlaylist('indie for a road trip'));
		expect(reply.lines).toHaveLength(8);
		expect(reply.ms).toBeLessThan(2_500);
	});
});

describe('Spotify 401 Unauthorized', () => {
	it('fetches one new app token when Spotify expires the current one', async () => {
		bot = await boot();
		await expectPlaylist(bot, askPlaylist('chill lo-fi beats'));
		bot.upstreams.spotify.resetRecords();
		bot.upstreams.spotify.expireAccessTokens({ includeApp: true });
		const reply = await expectPlaylist(bot, askPlaylist('metal for lifting'));
		expect(reply.lines).toHaveLength(8);
		const grants = bot.upstreams.spotify.requests.filter((request) => request.path === '/api/token');
		expect(grants).toHaveLength(1);
		expect([...searchCalls().values()].every((call) => call.length <= 2)).toBe(true);
	});

	it('refreshes the user’s token once when Save meets a 401, and saves one playlist', async () => {
		bot = await boot();
		await linkSpotify(ALICE, 'alice');
		const playlist = askPlaylist('happy latin party', 8, ALICE);
		await expectPlaylist(bot, playlist);
		bot.upstreams.spotify.expireAccessTokens({ userId: 'alice' });
		bot.upstreams.spotify.resetRecords();
		const reply = await expectEphemeralMessage(bot, clickSave(playlist, ALICE));
		expect(reply.content).toBe('Saved as a private playlist with 8 tracks.');
		const refreshes = bot.upstreams.spotify.requests.filter(
			(request) =>
				request.path === '/api/token' && (request.body as { grant_type?: string }).grant_type === 'refresh_token',
		);
		expect(refreshes).toHaveLength(1);
		expect(bot.upstreams.spotify.playlists.size).toBe(1);
		expect([...bot.upstreams.spotify.playlists.values()][0]?.uris).toHaveLength(8);
	});
});

describe('Spotify 403 for users a development-mode app does not list', () => {
	it('tells the user to ask the owner, without retrying or creating anything', async () => {
		bot = await boot();
		await linkSpotify(ALICE, 'alice');
		const playlist = askPlaylist('happy latin party', 8, ALICE);
		await expectPlaylist(bot, playlist);
		bot.upstreams.spotify.resetRecords();
		const message = 'Check settings on developer.spotify.com/dashboard, the user may not be registered.';
		bot.upstreams.spotify.setFault({ kind: 'status', status: 403, body: { error: { status: 403, message } } });
		const reply = await expectEphemeralMessage(bot, clickSave(playlist, ALICE));
		expect(reply.content).toContain("isn't on its list of users");
		expect(reply.content).toContain('User Management');
		const creations = bot.upstreams.spotify.requests.filter((request) => request.path === '/v1/me/playlists');
		expect(creations).toHaveLength(1);
		expect(bot.upstreams.spotify.playlists.size).toBe(0);
	});
});

describe('Spotify finding nothing', () => {
	it('says nothing was found for the prompt instead of sending an empty list', async () => {
		bot = await boot();
		bot.upstreams.spotify.setFault({ kind: 'empty' }, { path: SEARCH });
		const reply = await expectEphemeralMessage(bot, askPlaylist('polka played on a theremin'));
		expect(reply.content).toBe('Nothing found on Spotify for “polka played on a theremin”. Try other words.');
		expect(reply.message.embeds).toEqual([]);
		const handle = bot.discord.interactions.at(-1);
		expect(handle?.message).toBeUndefined();
	});
});

async function linkSpotify(userId: string, spotifyUser: string) {
	expect((await linkAccount(bot, userId, spotifyUser)).callback.status).toBe(200);
}

/** Clicks Save to Spotify under the playlist `handle` answered with. */
function clickSave(handle: InteractionHandle, userId: string) {
	const customId = readMessage(handle.message).buttons.find((button) => button.label === 'Save to Spotify')?.custom_id;
	return bot.discord.sendButton({ customId: customId ?? '', userId, message: handle.message });
}
