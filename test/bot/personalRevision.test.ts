import { afterEach, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../standins/discord.js';
import { finished, readMessage, startBot, type BotHarness } from '../helpers/bot.js';
import { linkForPersonal, playlist, trackIdsOf } from '../helpers/personal.js';

// A new version of a new-to-me playlist (Remove, Refine…) stays new to its listener: what fills the gaps is checked
// against their library as it is now, so a song they saved since, or one the first list left out, does not come back.

const ALICE = '540000000000000001';
const LENGTH = 12;

let bot: BotHarness;
afterEach(async () => {
	await bot?.close();
});

/** A new-to-me playlist of Alice's; then she saves every other song in the catalog. */
async function newToMeThenSaveTheRest(): Promise<{ message: StandinMessage | undefined; saved: Set<string> }> {
	bot = await startBot({ upstreams: { spotify: { autoApprove: true } } });
	const { catalog, spotify } = bot.upstreams;
	await linkForPersonal(bot, ALICE, 'alice');
	const handle = await playlist(bot, ALICE, { prompt: 'k-pop for running', length: LENGTH, 'new-to-me': true });
	const shown = trackIdsOf(handle.message);
	expect(shown).toHaveLength(LENGTH);
	const saved = catalog.tracks.map((track) => track.id).filter((id) => !shown.includes(id));
	spotify.setListener('alice', { savedTrackIds: saved });
	return { message: handle.message, saved: new Set(saved) };
}

describe('a new version of a new-to-me playlist', () => {
	it('Remove fills the gaps with nothing the listener has saved, and keeps the rest in place', async () => {
		const { message, saved } = await newToMeThenSaveTheRest();
		const before = trackIdsOf(message);
		const select = readMessage(message).selects[0];
		const removal = bot.discord.sendSelect({
			customId: select?.custom_id ?? '',
			values: before.slice(0, 2),
			userId: ALICE,
			message,
		});
		await removal.waitFor(finished, 30_000);
		const after = trackIdsOf(removal.message);
		expect(after.filter((id) => saved.has(id))).toEqual([]);
		// Every other song is saved now: the gaps stay empty rather than take one back.
		expect(after).toEqual(before.slice(2));
	}, 60_000);

	it('Refine… takes no LLM pick or search result the listener has saved', async () => {
		const { message, saved } = await newToMeThenSaveTheRest();
		const refineId = readMessage(message).buttons.find((button) => button.label === 'Refine…')?.custom_id ?? '';
		const click = bot.discord.sendButton({ customId: refineId, userId: ALICE, message });
		await click.waitForCallback();
		const submit = bot.discord.submitModal({
			interaction: click,
			values: { instruction: 'more upbeat' },
			userId: ALICE,
		});
		await submit.waitFor(finished, 30_000);
		const after = trackIdsOf(submit.message);
		expect(after.length).toBeGreaterThan(0);
		expect(after.filter((id) => saved.has(id))).toEqual([]);
		expect(bot.upstreams.ollama.chatRequests.length).toBeGreaterThanOrEqual(3);
	}, 60_000);
});
