import { afterEach, describe, expect, it } from 'vitest';
import { startBot, readMessage, type BotHarness } from '../helpers/bot.js';
import { answerOf, click, edited, linkForPersonal, llmRequests, playlist, trackIdsOf } from '../helpers/personal.js';

// Extend my playlist, through the stand-ins: autocomplete offers the user's own and collaborative playlists, the
// preview holds only tracks new to the playlist and only its author sees it, and Add appends them once, in order.

const ALICE = '540000000000000001';

let bot: BotHarness;
afterEach(async () => {
	await bot?.close();
});

/**
 * Alice's playlists, newest first: her own, a private one, one she collaborates on, one she only follows. Classical,
 * which a k-pop prompt's searches never find: any of it in an LLM request would come from her playlist.
 */
async function boot() {
	bot = await startBot({ upstreams: { spotify: { autoApprove: true } } });
	const { catalog, spotify } = bot.upstreams;
	const mine = catalog.tracksByGenre('classical').map((track) => track.id);
	const [road = '', secret = '', shared = '', editorial = ''] = spotify.setListener('alice', {
		playlists: [
			{ name: 'Road trip 2019', trackIds: mine.slice(0, 6) },
			{ name: 'Secret mix', public: false, trackIds: mine.slice(6, 8) },
			{ name: 'Shared jams', ownerId: 'bob', collaborative: true, trackIds: mine.slice(8, 9) },
			{ name: 'Editorial picks', ownerId: 'spotify', trackIds: mine.slice(9, 12) },
		],
	}).playlistIds;
	spotify.setListener('bob', { playlists: [{ name: 'Bobs own road mix', trackIds: mine.slice(12, 13) }] });
	await linkForPersonal(bot, ALICE, 'alice');
	return { road, secret, shared, editorial, mine, spotify };
}

async function autocomplete(typed: string) {
	const handle = bot.discord.sendAutocomplete({
		name: 'playlist',
		options: { prompt: 'more like this', extend: typed },
		focused: 'extend',
		userId: ALICE,
	});
	await handle.waitForCallback();
	return handle;
}

describe('/playlist extend', () => {
	it("offers only the user's own and collaborative playlists, matching what they type, within Discord's 3 s", async () => {
		const { road, secret, shared, spotify } = await boot();
		spotify.resetRecords();
		const all = await autocomplete('');
		expect(all.choices).toEqual([
			{ name: 'Road trip 2019', value: road },
			{ name: 'Secret mix', value: secret },
			{ name: 'Shared jams', value: shared },
		]);
		expect(all.responseMs).toBeLessThan(3_000);
		const typed = await autocomplete('ROAD');
		expect(typed.choices).toEqual([{ name: 'Road trip 2019', value: road }]);
		// Each keystroke after the first is answered from the short per-user cache.
		expect(spotify.requestsTo('/v1/me/playlists')).toHaveLength(1);
		expect(bot.discord.violations).toEqual([]);
	}, 60_000);

	it('answers a keystroke in time even when Spotify is slow to list, and the next one from the finished listing', async () => {
		const { road, spotify } = await boot();
		spotify.setFault({ kind: 'slow', ms: 3_500 }, { path: /^\/v1\/me\/playlists/ });
		const slow = await autocomplete('road');
		expect(slow.responseMs).toBeLessThan(3_000);
		expect(slow.choices).toEqual([]);
		await spotify.waitForRequests((requests) => requests.some((r) => r.path === '/v1/me/playlists'));
		await new Promise((resolve) => setTimeout(resolve, 3_700));
		spotify.setFault(null);
		const next = await autocomplete('road t');
		expect(next.choices).toEqual([{ name: 'Road trip 2019', value: road }]);
		expect(spotify.requestsTo('/v1/me/playlists')).toHaveLength(1);
	}, 60_000);

	it('previews only new tracks to its author, and Add appends them once, in order, answering with the link', async () => {
		const { road, mine, spotify } = await boot();
		const before = [...spotify.playlists.get(road)!.uris];
		const handle = await playlist(bot, ALICE, { prompt: 'more upbeat k-pop, 2010s', extend: road, length: 10 });
		expect(handle.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		const ids = trackIdsOf(handle.message);
		expect(ids).toHaveLength(10);
		expect(ids.filter((id) => mine.slice(0, 6).includes(id))).toEqual([]);
		const shown = readMessage(handle.message);
		expect(shown.buttons.map((button) => button.label)).toEqual([
			'Add to «Road trip 2019»',
			'Regenerate',
			'Refine…',
			'Why these?',
		]);
		expect(shown.embeds.at(-1)?.footer?.text).toContain('new to «Road trip 2019»');
		const asked = llmRequests(bot).join('\n');
		const names = before.map((uri) => bot.upstreams.catalog.findTrack(uri.split(':')[2]!)!.name);
		for (const text of ['Road trip', 'Secret mix', ...names]) expect(asked).not.toContain(text);

		const added = await click(bot, handle.message, 'Add to «Road trip 2019»', ALICE);
		expect(added.content).toBe('Added 10 songs to «Road trip 2019».');
		expect(added.buttons[0]).toMatchObject({
			label: 'Open in Spotify',
			url: `https://open.spotify.com/playlist/${road}`,
		});
		expect(spotify.playlists.get(road)!.uris).toEqual([...before, ...ids.map((id) => `spotify:track:${id}`)]);
		const again = await click(bot, handle.message, 'Add to «Road trip 2019»', ALICE);
		expect(again.content).toBe('These songs were already added to «Road trip 2019»; here it is.');
		expect(spotify.requestsTo(`/v1/playlists/${road}/items`, 'POST')).toHaveLength(1);
		expect(spotify.playlists.get(road)!.uris).toHaveLength(16);
	}, 60_000);

	it('answers that only their own playlists can be extended, for one they only follow', async () => {
		const { editorial, spotify } = await boot();
		for (const extend of [editorial, 'Editorial picks']) {
			const handle = await playlist(bot, ALICE, { prompt: 'more like this', extend }, edited);
			expect(answerOf(handle).content).toContain('You can only extend your own playlists');
		}
		expect(spotify.requestsTo(`/v1/playlists/${editorial}/items`)).toEqual([]);
		const unknown = await playlist(bot, ALICE, { prompt: 'more like this', extend: 'Bobs own road mix' }, edited);
		expect(answerOf(unknown).content).toContain("That isn't one of your Spotify playlists");
		expect(bot.upstreams.ollama.chatRequests).toEqual([]);
	}, 60_000);
});
