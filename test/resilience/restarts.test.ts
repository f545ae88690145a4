import { afterEach, describe, expect, it } from 'vitest';
import { readConfirmForm, submitConfirmForm } from '../helpers/confirmForm.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { finalContent, startWorld, trackUris, type World } from './processEnv.js';

// The bot as a real process, killed at the worst moments and started again on the same database.

let world: World | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

const ALICE = '500000000000000001';
const BOB = '500000000000000002';
const ITEMS_PATH = /^\/v1\/playlists\/[^/]+\/items$/;
const ME_PATH = /^\/v1\/me$/;
const MY_PLAYLISTS = /^\/v1\/me\/playlists$/;

async function answered(handle: InteractionHandle): Promise<string> {
	await handle.waitFor((h) => h.edits.length > 0 || h.followUps.length > 0, 15_000);
	return finalContent(handle);
}

const requestsTo = (current: World, method: string, path: RegExp) =>
	current.upstreams.spotify.requests.filter((request) => request.method === method && path.test(request.path));

describe('restarts', () => {
	// The kill lands after Spotify created the playlist: before its reply reached the bot, or while adding tracks.
	it.each([
		{ at: 'create reply', fault: { kind: 'lost-reply', afterMs: 5_000 } as const, path: MY_PLAYLISTS, method: 'POST' },
		{ at: 'adding tracks', fault: { kind: 'slow', ms: 3_000 } as const, path: ITEMS_PATH, method: 'POST' },
	])('SIGKILL during a save ($at): the retried save finishes the same playlist, in order, once', async (kill) => {
		world = await startWorld();
		const first = await world.spawn();
		expect((await world.link(ALICE, 'alice')).status).toBe(200);
		const playlist = await world.makePlaylist(ALICE, 'happy latin party', 12);
		const shown = trackUris(playlist.message);
		expect(shown).toHaveLength(12);

		const where = { path: kill.path, method: kill.method };
		world.upstreams.spotify.setFault(kill.fault, where);
		world.clickSave(playlist, ALICE);
		await world.upstreams.spotify.waitForRequests(() => requestsTo(world!, kill.method, kill.path).length > 0);
		first.kill('SIGKILL');
		expect((await first.exited).signal).toBe('SIGKILL');
		world.upstreams.spotify.setFault(null, where);
		const created = [...world.upstreams.spotify.playlists.values()];
		expect(created).toHaveLength(1);
		expect(created[0]?.uris).toEqual([]);

		await world.spawn();
		const retry = world.clickSave(playlist, ALICE);
		expect(await answered(retry)).toBe('Saved as a private playlist with 12 tracks.');
		const saved = [...world.upstreams.spotify.playlists.values()];
		expect(saved).toHaveLength(1);
		expect(saved[0]).toMatchObject({ id: created[0]?.id, ownerId: 'alice', uris: shown });
		expect(requestsTo(world, 'POST', MY_PLAYLISTS)).toHaveLength(1);

		const again = world.clickSave(playlist, ALICE);
		expect(await answered(again)).toContain('already saved');
		expect(world.upstreams.spotify.playlists.size).toBe(1);
		expect(world.discord.violations).toEqual([]);
	});

	it('SIGKILL during link callbacks: an old link stays intact, a new one is cleanly absent, and both work after', async () => {
		world = await startWorld();
		const first = await world.spawn();
		expect((await world.link(ALICE, 'alice')).status).toBe(200);
		const playlist = await world.makePlaylist(ALICE, 'dark synthwave drive', 8);

		// Alice starts relinking to another account and Bob links for the first time; both callbacks hang on /v1/me.
		const aliceLink = await world.beginLink(ALICE);
		const bobLink = await world.beginLink(BOB);
		const aliceCallback = await world.consent(aliceLink.url, 'bob');
		const bobCallback = await world.consent(bobLink.url, 'bob');
		world.upstreams.spotify.setFault({ kind: 'slow', ms: 5_000 }, { path: ME_PATH });
		const before = requestsTo(world, 'GET', ME_PATH).length;
		const callbacks = [aliceCallback, bobCallback].map((url) =>
			fetch(url, { redirect: 'manual' }).then(
				(response) => response.status,
				() => 'connection lost',
			),
		);
		await world.upstreams.spotify.waitForRequests(() => requestsTo(world!, 'GET', ME_PATH).length >= before + 2);
		first.kill('SIGKILL');
		await first.exited;
		expect(await Promise.all(callbacks)).toEqual(['connection lost', 'connection lost']);
		world.upstreams.spotify.setFault(null, { path: ME_PATH });

		const second = await world.spawn();
		const aliceStatus = await world.beginLink(ALICE);
		expect(finalContent(aliceStatus.handle)).toContain('You are linked as **Alice**');
		const bobStatus = await world.beginLink(BOB);
		expect(finalContent(bobStatus.handle)).toContain('Open the link below to connect your Spotify account');

		expect(await answered(world.clickSave(playlist, ALICE))).toBe('Saved as a private playlist with 8 tracks.');
		expect(await answered(world.clickSave(playlist, BOB))).toContain('Link your Spotify account first');
		expect((await world.link(BOB, 'bob')).status).toBe(200);
		expect(await answered(world.clickSave(playlist, BOB))).toBe('Saved as a private playlist with 8 tracks.');
		const owners = [...world.upstreams.spotify.playlists.values()].map((saved) => saved.ownerId).sort();
		expect(owners).toEqual(['alice', 'bob']);
		expect(second.logs().filter((line) => line.level >= 50)).toEqual([]);
		expect(world.discord.violations).toEqual([]);
	});

	it('SIGTERM: finishes what it can, tells the rest it is restarting, and exits 0 within 5 s', async () => {
		world = await startWorld();
		const bot = await world.spawn();
		expect((await world.link(ALICE, 'alice')).status).toBe(200);
		const playlist = await world.makePlaylist(ALICE, 'calm jazz evening', 8);

		// A save that finishes within the grace period, and a playlist that cannot (the LLM hangs for 30 s).
		world.upstreams.spotify.setFault({ kind: 'slow', ms: 1_000 }, { path: ITEMS_PATH });
		world.upstreams.ollama.setLatency({ firstTokenMs: 30_000 });
		const save = world.clickSave(playlist, ALICE);
		const stuck = world.discord.sendCommand({ name: 'playlist', options: { prompt: 'sad indie rain' }, userId: BOB });
		await stuck.waitForCallback();
		await save.waitForCallback();
		await world.upstreams.ollama.waitForRequests(() => world!.upstreams.ollama.inFlight > 0);

		const signalled = performance.now();
		bot.kill('SIGTERM');
		const exit = await bot.exited;
		expect(exit.code).toBe(0);
		expect(exit.at - signalled).toBeLessThan(5_000);
		expect(finalContent(save)).toBe('Saved as a private playlist with 8 tracks.');
		// The stuck playlist's public reply no longer shows progress: it says the bot is restarting.
		expect(finalContent(stuck)).toContain('restarting');
		expect(stuck.followUps).toEqual([]);
		expect(bot.logs().some((line) => line.msg === 'stopped')).toBe(true);
		expect(world.discord.violations).toEqual([]);
	});

	it('SIGTERM during a link callback: the callback finishes before the process exits', async () => {
		world = await startWorld();
		const bot = await world.spawn();
		const { url } = await world.beginLink(BOB);
		const callbackUrl = await world.consent(url, 'bob');
		world.upstreams.spotify.setFault({ kind: 'slow', ms: 1_000 }, { path: ME_PATH });
		const linking = fetch(callbackUrl, { redirect: 'manual' }).then(
			async (response) => ({ status: response.status, html: await response.text() }),
			() => ({ status: 'connection lost', html: '' }),
		);
		await world.upstreams.spotify.waitForRequests(() => requestsTo(world!, 'GET', ME_PATH).length > 0);
		const signalled = performance.now();
		bot.kill('SIGTERM');
		const exit = await bot.exited;
		expect(exit.code).toBe(0);
		const { status, html } = await linking;
		expect(status).toBe(200);
		// It waited for the callback, not for the whole grace period (3.5 s), nor for the browser's keep-alive.
		expect(exit.at - signalled).toBeLessThan(3_000);
		world.upstreams.spotify.setFault(null, { path: ME_PATH });

		// The exchanged link waits in the store for the browser's Link, which the restarted bot takes.
		// The restarted bot listens on another port the OS picked: the browser's form goes there.
		const { httpUrl } = await (await world.spawn()).pickedPort();
		const form = readConfirmForm(callbackUrl, html);
		const action = new URL(new URL(form.action).pathname, httpUrl).toString();
		expect((await submitConfirmForm({ ...form, action }, 'link')).status).toBe(200);
		expect(finalContent((await world.beginLink(BOB)).handle)).toContain('You are linked as **Bob**');
	});
});
