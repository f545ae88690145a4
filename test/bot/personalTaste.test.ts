import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, readMessage, type BotHarness } from '../helpers/bot.js';
import { click, linkForPersonal, llmRequests, playlist, trackIdsOf } from '../helpers/personal.js';

// From my taste and new to me, through the stand-ins. The stand-ins are seeded, so a second bot asked the same
// prompt makes the same LLM requests: a personal playlist's requests must be exactly those of the prompt alone, so
// nothing about the listener (their artists, their library, even which tracks went missing) reaches the LLM.

const ALICE = '530000000000000001';
const BOB = '530000000000000002';
const PROMPT = 'k-pop for running';
const LENGTH = 15;

let bot: BotHarness;
afterEach(async () => {
	await bot?.close();
});

/** The same prompt without personal options, on a bot of its own: its tracks and what it asked the LLM. */
const plain = { ids: [] as string[], llm: [] as string[] };
beforeAll(async () => {
	const alone = await startBot();
	try {
		const handle = await playlist(alone, BOB, { prompt: PROMPT, length: LENGTH });
		plain.ids = trackIdsOf(handle.message);
		plain.llm = llmRequests(alone);
	} finally {
		await alone.close();
	}
}, 60_000);

async function boot() {
	bot = await startBot({ upstreams: { spotify: { autoApprove: true } } });
	return bot.upstreams;
}

describe('/playlist taste', () => {
	it("gives the listener's top artists a third of the list, and asks the LLM only what the prompt alone asks", async () => {
		const { catalog, spotify } = await boot();
		const kpop = catalog.artists.filter((artist) => artist.genre === 'k-pop').slice(0, 2);
		const jazz = catalog.artists.filter((artist) => artist.genre === 'jazz').slice(0, 2);
		const rockTrack = catalog.tracksByGenre('rock')[0]!;
		spotify.setListener('alice', {
			topArtists: [...kpop, ...jazz].map((artist) => artist.id),
			topTracks: [rockTrack.id],
		});
		await linkForPersonal(bot, ALICE, 'alice');
		spotify.resetRecords();

		const handle = await playlist(bot, ALICE, { prompt: PROMPT, length: LENGTH, taste: true });
		const shown = readMessage(handle.message);
		expect(shown.embeds.at(-1)?.footer?.text).toMatch(/ · from your taste$/);
		const tracks = trackIdsOf(handle.message).map((id) => catalog.findTrack(id)!);
		expect(tracks).toHaveLength(LENGTH);
		const topIds = new Set([...kpop, ...jazz, ...rockTrack.artists].map((artist) => artist.id));
		const fromTaste = tracks.filter((track) => topIds.has(track.artists[0]!.id));
		expect(fromTaste.length).toBeGreaterThanOrEqual(LENGTH / 3);
		// k-pop artists first (their genre: search finds them), then one the genre misses, searched alone.
		expect(fromTaste.some((track) => track.genre !== 'k-pop')).toBe(true);
		const perArtist = new Map<string, number>();
		for (const track of tracks) perArtist.set(track.artists[0]!.id, (perArtist.get(track.artists[0]!.id) ?? 0) + 1);
		expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
		expect(spotify.requestsTo('/v1/me/top/artists')[0]?.query).toMatchObject({ time_range: 'medium_term' });
		expect(spotify.searchQueries).toContain(`artist:"${kpop[0]!.name}" genre:"k-pop"`);

		const why = await click(bot, handle.message, 'Why these?', ALICE);
		expect(why.description).toContain(`from your taste: ${kpop[0]!.name}`);

		const llm = llmRequests(bot);
		expect(llm).toEqual(plain.llm);
		const offGenre = [...jazz.map((artist) => artist.name), rockTrack.name, rockTrack.artists[0]!.name];
		for (const name of offGenre) expect(llm.join('\n')).not.toContain(name);
	}, 60_000);

	it('serves the same taste playlist again from a cache of its listener only', async () => {
		const { catalog, spotify } = await boot();
		const artists = catalog.artists.filter((artist) => artist.genre === 'k-pop').slice(0, 3);
		spotify.setListener('alice', { topArtists: artists.map((artist) => artist.id) });
		await linkForPersonal(bot, ALICE, 'alice');
		const first = await playlist(bot, ALICE, { prompt: PROMPT, length: 10, taste: true });
		const asked = llmRequests(bot).length;
		const again = await playlist(bot, ALICE, { prompt: PROMPT, length: 10, taste: true });
		expect(trackIdsOf(again.message)).toEqual(trackIdsOf(first.message));
		expect(llmRequests(bot)).toHaveLength(asked);
		expect(spotify.requestsTo('/v1/me/top/artists')).toHaveLength(1);
		// Someone else asking the same words gets a playlist of the prompt alone, not Alice's.
		const bobs = await playlist(bot, BOB, { prompt: PROMPT, length: 10 });
		expect(readMessage(bobs.message).embeds.at(-1)?.footer?.text).not.toContain('from your taste');

		// Regenerate makes it again from her taste, skipping the cache (her top artists are kept a day).
		const customId = readMessage(first.message).buttons.find((button) => button.label === 'Regenerate')?.custom_id;
		const regenerated = bot.discord.sendButton({ customId: customId!, userId: ALICE, message: first.message });
		const done = (h: typeof regenerated) =>
			((h.edits.at(-1) as { components?: unknown[] })?.components ?? []).length > 0;
		await regenerated.waitFor(done, 30_000);
		expect(readMessage(regenerated.message).embeds.at(-1)?.footer?.text).toContain('from your taste');
		expect(readMessage(regenerated.message).content).toBe('');
		expect(llmRequests(bot).length).toBeGreaterThan(asked);
		expect(spotify.requestsTo('/v1/me/top/artists')).toHaveLength(1);
	}, 60_000);
});

describe('/playlist new-to-me', () => {
	it('leaves out exactly the saved tracks, keeps the length, and checks the library at most 40 tracks a call', async () => {
		const { catalog, spotify } = await boot();
		const saved = [plain.ids[1]!, plain.ids[4]!, plain.ids[9]!];
		const others = catalog
			.tracksByGenre('k-pop')
			.map((track) => track.id)
			.filter((id) => !plain.ids.includes(id))
			.slice(0, 60);
		spotify.setListener('alice', { savedTrackIds: [...saved, ...others] });
		await linkForPersonal(bot, ALICE, 'alice');
		spotify.resetRecords();

		const handle = await playlist(bot, ALICE, { prompt: PROMPT, length: LENGTH, 'new-to-me': true });
		const ids = trackIdsOf(handle.message);
		expect(ids).toHaveLength(LENGTH);
		expect(ids.filter((id) => saved.includes(id) || others.includes(id))).toEqual([]);
		expect(plain.ids.filter((id) => !saved.includes(id)).every((id) => ids.includes(id))).toBe(true);
		expect(readMessage(handle.message).embeds.at(-1)?.footer?.text).toMatch(/ · 3 songs you have saved left out$/);

		const checked = spotify.libraryChecks;
		expect(checked.length).toBeGreaterThan(1);
		for (const call of checked) expect(call.length).toBeLessThanOrEqual(40);
		const uris = new Set(checked.flat());
		expect(ids.every((id) => uris.has(`spotify:track:${id}`))).toBe(true);
		expect(llmRequests(bot)).toEqual(plain.llm);
	}, 60_000);
});
