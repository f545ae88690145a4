import { describe, expect, it } from 'vitest';
import { SpotifyUserNotAllowedError, UpstreamError } from '../../../src/services/errors.js';
import { NotLinkedError } from '../../../src/services/linking/linkErrors.js';
import type { SaveableDraft } from '../../../src/services/saving/playlistDetails.js';
import type { SaveRecord } from '../../../src/services/saving/playlistSaver.js';
import { bootLinkingHarnessPerTest, type LinkingHarness } from '../linking/linkingHarness.js';

let harness: LinkingHarness;
const start = bootLinkingHarnessPerTest((started) => (harness = started));

async function boot(): Promise<LinkingHarness> {
	await (await start()).link('1001', 'alice');
	return harness;
}

/** Matches only the nth request whose path fits `pattern`, so a fault can hit e.g. the second chunk. */
class NthMatch extends RegExp {
	private seen = 0;

	constructor(
		pattern: RegExp,
		private readonly nth: number,
	) {
		super(pattern.source, pattern.flags);
	}

	override test(text: string): boolean {
		return super.test(text) && ++this.seen === this.nth;
	}
}

const ITEMS_PATH = /^\/v1\/playlists\/[^/]+\/items$/;
const DEV_MODE_BODY = {
	error: { status: 403, message: 'Check settings on developer.spotify.com/dashboard, the user may not be registered.' },
};
const saveFor1001 = (draft: SaveableDraft) => harness.services.saver.savePlaylist({ discordUserId: '1001', draft });
const creates = () => harness.countRequests('POST', '/v1/me/playlists');
const listings = () => harness.countRequests('GET', '/v1/me/playlists');
const MY_PLAYLISTS = /^\/v1\/me\/playlists$/;
const CREATE = { path: MY_PLAYLISTS, method: 'POST' };
const LIST = { path: MY_PLAYLISTS, method: 'GET' };
const itemBatches = () =>
	harness.spotify.requests
		.filter((request) => request.method === 'POST' && ITEMS_PATH.test(request.path))
		.map((request) => (request.body as { uris: string[] }).uris);

describe('savePlaylist', () => {
	it("saves exactly the draft's tracks, in order, in chunks of 100, as a private playlist", async () => {
		const { spotify, services } = await boot();
		const draft = {
			...harness.makeDraft('d1', 230),
			name: 'Late night drive',
			prompt: 'synthwave for a late night drive',
		};
		const saved = await services.saver.savePlaylist({ discordUserId: '1001', draft });

		expect(saved.created).toBe(true);
		expect(saved.playlistUrl).toBe(`https://open.spotify.com/playlist/${saved.playlistId}`);
		const playlist = spotify.playlists.get(saved.playlistId);
		expect(spotify.playlists.size).toBe(1);
		expect(playlist).toMatchObject({
			ownerId: 'alice',
			name: 'Late night drive',
			description: 'Made by promptlist from: synthwave for a late night drive',
			public: false,
		});
		expect(playlist?.uris).toEqual(draft.tracks.map((track) => track.uri));
		expect(itemBatches().map((batch) => batch.length)).toEqual([100, 100, 30]);
		expect(listings()).toBe(0);
		expect(spotify.deprecatedCalls).toEqual([]);
	});

	it('keeps the name (100) and description (300, one line) within Spotify limits', async () => {
		const { spotify, services } = await boot();
		const prompt = `first line\nsecond\tline ${'very '.repeat(100)}long`;
		const draft = { ...harness.makeDraft('d1'), name: `${'🎵'.repeat(150)}`, prompt };
		const saved = await services.saver.savePlaylist({ discordUserId: '1001', draft });

		const playlist = spotify.playlists.get(saved.playlistId);
		expect(Array.from(playlist?.name ?? '')).toHaveLength(100);
		expect(playlist?.name).toBe(`${'🎵'.repeat(99)}…`);
		expect(playlist?.description?.length).toBeLessThanOrEqual(300);
		expect(playlist?.description).toMatch(/^Made by promptlist from: first line second line very very/);
		expect(playlist?.description).not.toMatch(/[\n\t]/);
	});

	it('creates nothing on a second click and returns the same playlist', async () => {
		const { spotify, services } = await boot();
		const draft = harness.makeDraft('d1', 5);
		const first = await services.saver.savePlaylist({ discordUserId: '1001', draft });
		spotify.resetRecords();
		const second = await services.saver.savePlaylist({ discordUserId: '1001', draft });

		expect(second).toEqual({ ...first, created: false });
		expect(spotify.requests).toHaveLength(0);
		expect(spotify.playlists.size).toBe(1);
	});

	it('creates one playlist for concurrent clicks', async () => {
		const { spotify, services } = await boot();
		const draft = harness.makeDraft('d1', 150);
		const results = await Promise.all(
			[1, 2, 3].map(() => services.saver.savePlaylist({ discordUserId: '1001', draft })),
		);

		expect(creates()).toBe(1);
		expect(spotify.playlists.size).toBe(1);
		expect(results.filter((result) => result.created)).toHaveLength(1);
		expect(new Set(results.map((result) => result.playlistUrl)).size).toBe(1);
		expect(spotify.playlists.get(results[0]?.playlistId ?? '')?.uris).toEqual(draft.tracks.map((track) => track.uri));
	});

	it('gives each user their own copy of a draft', async () => {
		const { spotify, services } = await boot();
		await harness.link('2002', 'bob');
		const draft = harness.makeDraft('d1', 4);
		const alice = await services.saver.savePlaylist({ discordUserId: '1001', draft });
		const bob = await services.saver.savePlaylist({ discordUserId: '2002', draft });

		expect(bob.created).toBe(true);
		expect(bob.playlistId).not.toBe(alice.playlistId);
		expect([...spotify.playlists.values()].map((playlist) => [playlist.ownerId, playlist.uris.length])).toEqual([
			['alice', 4],
			['bob', 4],
		]);
	});

	it('throws NotLinkedError for an unlinked user without any Spotify request', async () => {
		const { spotify, services } = await boot();
		spotify.resetRecords();
		await expect(
			services.saver.savePlaylist({ discordUserId: '3003', draft: harness.makeDraft('d1') }),
		).rejects.toBeInstanceOf(NotLinkedError);
		expect(spotify.requests).toHaveLength(0);
	});

	// A crash before chunk `held + 1`. With `lag` 1, the process died after Spotify added chunk `held` but before
	// recording it, so the record says one chunk fewer than the playlist holds: the retry must not add it again.
	it.each([
		{ held: 0, lag: 0, rest: [100, 100, 30] },
		{ held: 1, lag: 0, rest: [100, 30] },
		{ held: 2, lag: 0, rest: [30] },
		{ held: 1, lag: 1, rest: [100, 30] },
		{ held: 2, lag: 1, rest: [30] },
		{ held: 3, lag: 1, rest: [] },
	])('finishes the same playlist with each track once after a crash: %o', async ({ held, lag, rest }) => {
		const { spotify } = await boot();
		const draft = harness.makeDraft('d1', 230);
		const fault = { path: new NthMatch(ITEMS_PATH, held + 1) };
		if (held < 3) spotify.failNext({ kind: 'status', status: 503 }, fault);
		expect((await saveFor1001(draft).catch((error: unknown) => error)) instanceof UpstreamError).toBe(held < 3);
		const [playlist] = spotify.playlists.values();
		expect(playlist?.uris).toHaveLength(Math.min(held * 100, 230));

		await harness.restart();
		const records = harness.store.collection<SaveRecord>('spotify-save');
		const record = (await records.get('d1:1001')) as SaveRecord;
		expect(record.addedChunks).toBe(held);
		await records.set('d1:1001', { ...record, addedChunks: held - lag });
		spotify.resetRecords();
		expect(await saveFor1001(draft)).toMatchObject({ playlistId: playlist?.id, created: true });
		expect([creates(), spotify.playlists.size]).toEqual([0, 1]);
		expect(playlist?.uris).toEqual(draft.tracks.map((track) => track.uri));
		expect(itemBatches().map((batch) => batch.length)).toEqual(rest);
		expect((await saveFor1001(draft)).created).toBe(false);
	});

	it('goes by the saved progress when Spotify will not let it read the playlist back', async () => {
		const { spotify } = await boot();
		const draft = harness.makeDraft('d1', 230);
		spotify.failNext({ kind: 'status', status: 503 }, { path: new NthMatch(ITEMS_PATH, 2) });
		await saveFor1001(draft).catch(() => undefined);
		await harness.restart();
		spotify.resetRecords();
		spotify.failNext({ kind: 'status', status: 403 }, { path: /\/items$/ });
		expect(await saveFor1001(draft)).toMatchObject({ created: true });
		const [playlist] = spotify.playlists.values();
		expect(playlist?.uris).toEqual(draft.tracks.map((track) => track.uri));
		expect(itemBatches().map((batch) => batch.length)).toEqual([100, 30]);
	});

	it('does not retry a failed create (not idempotent), but waits out a 429', async () => {
		const { spotify } = await boot();
		spotify.failNext({ kind: 'status', status: 503 }, CREATE);
		await expect(saveFor1001(harness.makeDraft('d1'))).rejects.toBeInstanceOf(UpstreamError);
		expect(creates()).toBe(1);
		expect(spotify.playlists.size).toBe(0);

		spotify.failNext({ kind: 'rate-limit', retryAfter: 0 }, CREATE);
		expect((await saveFor1001(harness.makeDraft('d1'))).created).toBe(true);
		expect(creates()).toBe(3);
		expect(spotify.playlists.size).toBe(1);
	});

	it('turns the development-mode 403 into SpotifyUserNotAllowedError and records nothing', async () => {
		const { spotify, services } = await boot();
		spotify.failNext({ kind: 'status', status: 403, body: DEV_MODE_BODY }, CREATE);
		const draft = harness.makeDraft('d1');
		await expect(saveFor1001(draft)).rejects.toBeInstanceOf(SpotifyUserNotAllowedError);
		expect(spotify.playlists.size).toBe(0);
		expect((await services.saver.savePlaylist({ discordUserId: '1001', draft })).created).toBe(true);
		expect(spotify.playlists.size).toBe(1);
	});

	it('makes a new copy after the user relinked to another Spotify account', async () => {
		const { spotify, services } = await boot();
		const draft = harness.makeDraft('d1');
		await services.saver.savePlaylist({ discordUserId: '1001', draft });
		await harness.link('1001', 'bob');
		const again = await services.saver.savePlaylist({ discordUserId: '1001', draft });
		expect(again.created).toBe(true);
		expect([...spotify.playlists.values()].map((playlist) => playlist.ownerId)).toEqual(['alice', 'bob']);
	});

	it('finds the playlist a lost create reply made instead of creating a second, even after a restart', async () => {
		const { spotify, services } = await boot();
		const draft = { ...harness.makeDraft('d1', 120), name: 'Same name' };
		spotify.failNext({ kind: 'lost-reply' }, CREATE);
		await expect(saveFor1001(draft)).rejects.toBeInstanceOf(UpstreamError);
		const [lost] = spotify.playlists.values();
		expect(lost?.uris).toEqual([]);
		// Newer playlists with the same name that are not empty, or empty ones with another name, are not it.
		await services.saver.savePlaylist({
			discordUserId: '1001',
			draft: { ...harness.makeDraft('d2', 3), name: 'Same name' },
		});
		await services.saver.savePlaylist({
			discordUserId: '1001',
			draft: { ...harness.makeDraft('d3', 0), name: 'Other' },
		});
		await harness.restart();
		spotify.resetRecords();

		const saved = await saveFor1001(draft);
		expect(saved).toMatchObject({ playlistId: lost?.id, created: true });
		expect([creates(), listings(), spotify.playlists.size]).toEqual([0, 1, 3]);
		// The listing already said it is empty: no need to count its items.
		expect(harness.countRequests('GET', ITEMS_PATH)).toBe(0);
		expect(lost?.uris).toEqual(draft.tracks.map((track) => track.uri));
		expect(harness.logs.join('\n')).toContain('resuming an unrecorded spotify playlist');
		expect((await saveFor1001(draft)).created).toBe(false);
	});

	it('pages through the newest playlists to find it, and creates a new one when it is not there', async () => {
		const { spotify, services } = await boot();
		const draft = harness.makeDraft('d1', 5);
		spotify.failNext({ kind: 'lost-reply' }, CREATE);
		await saveFor1001(draft).catch(() => undefined);
		for (let i = 0; i < 60; i++) {
			await services.saver.savePlaylist({ discordUserId: '1001', draft: harness.makeDraft(`other-${i}`, 1) });
		}
		spotify.resetRecords();
		const [lost] = spotify.playlists.values();
		expect((await saveFor1001(draft)).playlistId).toBe(lost?.id);
		expect([creates(), listings()]).toEqual([0, 2]);

		spotify.failNext({ kind: 'lost-reply' }, CREATE);
		await saveFor1001(harness.makeDraft('d9', 5)).catch(() => undefined);
		spotify.playlists.delete([...spotify.playlists.keys()].at(-1) ?? '');
		spotify.resetRecords();
		const fresh = await saveFor1001(harness.makeDraft('d9', 5));
		expect([creates(), listings()]).toEqual([1, 2]);
		expect(spotify.playlists.get(fresh.playlistId)?.uris).toHaveLength(5);
	});

	it('creates a new playlist after a lost reply when Spotify will not list the playlists', async () => {
		const { spotify } = await boot();
		const draft = harness.makeDraft('d1', 5);
		spotify.failNext({ kind: 'lost-reply' }, CREATE);
		await saveFor1001(draft).catch(() => undefined);
		spotify.failNext({ kind: 'status', status: 403 }, LIST);
		const saved = await saveFor1001(draft);
		expect([creates(), listings(), spotify.playlists.size]).toEqual([2, 1, 2]);
		expect(spotify.playlists.get(saved.playlistId)?.uris).toHaveLength(5);
		expect(harness.logs.join('\n')).toContain('cannot list playlists to find an interrupted save');
	});
});
