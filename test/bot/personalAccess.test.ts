import { afterEach, describe, expect, it } from 'vitest';
import { linkSpotify, readMessage, startBot, type BotHarness } from '../helpers/bot.js';
import { allowOnSpotify, answerOf, click, linkForPersonal, playlist, rawDatabase } from '../helpers/personal.js';

// Who may use the personal options: an unlinked user is told to link, a link made before a feature existed is offered
// a relink naming what it would allow (and keeps working for everything else), and what the features keep goes with
// /unlink-spotify.

const ALICE = '550000000000000001';
const BASE_SCOPES = ['playlist-modify-private', 'playlist-read-private', 'user-read-private'];
/** The Spotify user endpoints the personal features call. */
const LISTENER_PATHS = /^\/v1\/(me\/top|me\/library|me\/playlists$|playlists\/[^/]+\/items)/;

let bot: BotHarness;
afterEach(async () => {
	await bot?.close();
});

async function boot() {
	bot = await startBot({ upstreams: { spotify: { autoApprove: true } } });
	return bot.upstreams;
}

const listenerCalls = () =>
	bot.upstreams.spotify.requests.filter((request) => LISTENER_PATHS.test(request.path) && request.method === 'GET');

/** The scopes a relink offer asks Spotify for. */
const askedScopes = (handle: Awaited<ReturnType<typeof playlist>>) => {
	const url = answerOf(handle).buttons.find((button) => button.label === 'Allow on Spotify')?.url ?? '';
	return new URL(url).searchParams.get('scope')?.split(' ').sort();
};

describe('personal options and the Spotify link', () => {
	it('tells an unlinked user to link first, from the command and from autocomplete', async () => {
		await boot();
		const asked = await playlist(bot, ALICE, { prompt: 'k-pop for running', taste: true });
		expect(asked.callbacks[0]).toMatchObject({ type: 4, data: { flags: 64 } });
		expect(answerOf(asked).content).toContain('link it first with **/link-spotify**');
		const typing = bot.discord.sendAutocomplete({ name: 'playlist', focused: 'extend', userId: ALICE });
		await typing.waitForCallback();
		expect(typing.choices).toEqual([
			{ name: 'Link your Spotify account first: run /link-spotify', value: 'link-spotify' },
		]);
		expect(listenerCalls()).toEqual([]);
		expect(bot.upstreams.ollama.chatRequests).toEqual([]);
	}, 60_000);

	it('offers an old link a relink naming each scope in plain words; the link keeps working for the rest', async () => {
		const { spotify } = await boot();
		spotify.limitConsentScopes(BASE_SCOPES);
		spotify.setListener('alice', { topArtists: [bot.upstreams.catalog.artists[0]!.id] });
		await linkSpotify(bot, ALICE, 'alice');

		const taste = await playlist(bot, ALICE, { prompt: 'k-pop for running', taste: true });
		expect(answerOf(taste).content).toContain('permission to **see your top artists and tracks**');
		expect(askedScopes(taste)).toEqual([...BASE_SCOPES, 'user-top-read'].sort());
		const library = await playlist(bot, ALICE, { prompt: 'k-pop for running', 'new-to-me': true });
		expect(answerOf(library).content).toContain('permission to **check which songs are in your library**');
		const extend = await playlist(bot, ALICE, { prompt: 'more like this', extend: 'Road trip' });
		expect(answerOf(extend).content).toContain('permission to **see your playlists and add songs to them**');
		const typing = bot.discord.sendAutocomplete({ name: 'playlist', focused: 'extend', userId: ALICE });
		await typing.waitForCallback();
		expect(typing.choices).toEqual([
			{ name: 'Send the command to let the bot see your Spotify playlists', value: 'allow-playlists' },
		]);
		expect(listenerCalls()).toEqual([]);

		const plain = await playlist(bot, ALICE, { prompt: 'k-pop for running', length: 5 });
		expect((await click(bot, plain.message, 'Save to Spotify', ALICE)).content).toContain(
			'Saved as a private playlist',
		);

		spotify.limitConsentScopes(null);
		await allowOnSpotify(taste);
		const made = await playlist(bot, ALICE, { prompt: 'k-pop for running', length: 6, taste: true });
		expect(readMessage(made.message).embeds.at(-1)?.footer?.text).toContain('from your taste');
		// The next relink keeps what this one allowed.
		const next = await playlist(bot, ALICE, { prompt: 'k-pop for running', 'new-to-me': true });
		expect(askedScopes(next)).toEqual([...BASE_SCOPES, 'user-library-read', 'user-top-read'].sort());
	}, 60_000);

	it('lists what the features keep in /privacy, and /unlink-spotify deletes it from the database files', async () => {
		const { catalog, spotify } = await boot();
		const secret = 'Zebra caravan 4471';
		spotify.setListener('alice', {
			topArtists: catalog.artists.slice(0, 3).map((artist) => artist.id),
			playlists: [
				{
					name: secret,
					trackIds: catalog
						.tracksByGenre('jazz')
						.slice(0, 4)
						.map((track) => track.id),
				},
			],
		});
		await linkForPersonal(bot, ALICE, 'alice');
		await playlist(bot, ALICE, { prompt: 'k-pop for running', length: 6, taste: true });
		await playlist(bot, ALICE, { prompt: 'more like this', length: 6, extend: secret });
		expect(rawDatabase(bot)).toContain(secret);

		const privacy = bot.discord.sendCommand({ name: 'privacy', userId: ALICE });
		await privacy.waitFor((h) => h.edits.length > 0);
		const kept = readMessage(privacy.message).content;
		expect(kept).toContain('The names of your top artists on Spotify');
		expect(kept).toContain('The names of your Spotify playlists');
		expect(kept).toContain('1 playlist from your taste');

		const unlinked = bot.discord.sendCommand({ name: 'unlink-spotify', userId: ALICE });
		await unlinked.waitFor((h) => h.edits.length > 0);
		expect(readMessage(unlinked.message).content).toContain('2 playlists made from your Spotify data are deleted.');
		expect(rawDatabase(bot)).not.toContain(secret);
		const after = bot.discord.sendCommand({ name: 'privacy', userId: ALICE });
		await after.waitFor((h) => h.edits.length > 0);
		expect(readMessage(after.message).content).not.toContain('Spotify playlists');
		expect(readMessage(after.message).content).not.toContain('top artists');
	}, 60_000);
});
