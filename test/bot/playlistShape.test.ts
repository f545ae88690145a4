import { afterEach, describe, expect, it } from 'vitest';
import { readMessage, startBot, type BotHarness } from '../helpers/bot.js';

// /playlist with a duration, an energy arc and a language, through the Discord stand-in.

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

const AUTHOR = '500000000000000001';
const MINUTE = 60_000;
const TRACK_ID = /\]\(https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)\)/;

async function playlist(options: Record<string, string | number>) {
	const handle = bot.discord.sendCommand({ name: 'playlist', options, userId: AUTHOR });
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0 || h.followUps.length > 0, 30_000);
	return handle;
}

/** The catalog tracks a message links to, in order. */
function linkedTracks(shown: ReturnType<typeof readMessage>) {
	return shown.description
		.split('\n')
		.map((line) => TRACK_ID.exec(line)?.[1])
		.flatMap((id) => (id ? [bot.upstreams.catalog.findTrack(id)] : []));
}

const minutesOf = (tracks: ({ durationMs: number } | undefined)[]) =>
	tracks.reduce((sum, track) => sum + (track?.durationMs ?? 0), 0) / MINUTE;

describe('/playlist with a duration and an arc', () => {
	it('answers "30-minute 5K run easing into a cool-down" with about 30 minutes ordered by phase, showing its time', async () => {
		bot = await startBot();
		const handle = await playlist({ prompt: '30-minute 5K run easing into a cool-down' });
		const shown = readMessage(handle.message);
		const tracks = linkedTracks(shown);
		const minutes = minutesOf(tracks);
		expect(Math.abs(minutes - 30)).toBeLessThanOrEqual(3);
		expect(shown.embeds[0]?.title).toBe(
			`30-minute 5K run easing into a cool-down · ${tracks.length} tracks · ${Math.round(minutes)} min`,
		);
		const lines = shown.description.split('\n');
		const headings = lines.filter((line) => /^\*\*[\w-]+\*\*$/.test(line));
		expect(headings).toEqual(['**Peak**', '**Cool-down**']);
		expect(lines[0]).toBe('**Peak**');
		expect(lines.indexOf('**Cool-down**')).toBeGreaterThan(1);
		expect(lines.indexOf('**Cool-down**')).toBeLessThan(lines.length - 1);
		expect(shown.embeds.at(-1)?.footer?.text).toContain('made to 30 min');
		expect(shown.content).toBe('');
		expect(bot.discord.violations).toEqual([]);
	});

	it('with length and minutes, makes it to the minutes and says so; Regenerate keeps the minutes', async () => {
		bot = await startBot();
		const handle = await playlist({ prompt: 'upbeat pop for a party', length: 40, minutes: 20 });
		const shown = readMessage(handle.message);
		expect(shown.content).toBe('⏱️ Made to last about 20 min: a duration takes the place of `length`.');
		expect(Math.abs(minutesOf(linkedTracks(shown)) - 20)).toBeLessThanOrEqual(3);
		expect(linkedTracks(shown).length).toBeLessThan(40);

		const regenerate = shown.buttons.find((button) => button.label === 'Regenerate')?.custom_id ?? '';
		const click = bot.discord.sendButton({ customId: regenerate, userId: AUTHOR, message: handle.message });
		await click.waitFor((h) => {
			const again = readMessage(h.message).buttons.find((button) => button.label === 'Regenerate')?.custom_id;
			return again !== undefined && again !== regenerate;
		}, 30_000);
		const again = readMessage(click.message);
		expect(Math.abs(minutesOf(linkedTracks(again)) - 20)).toBeLessThanOrEqual(3);
		expect(again.embeds.at(-1)?.footer?.text).toContain('made to 20 min');
	});

	it('says the language in the footer when it is not English', async () => {
		bot = await startBot();
		const shown = readMessage((await playlist({ prompt: 'French rap', length: 10 })).message);
		expect(shown.embeds.at(-1)?.footer?.text).toMatch(/ · sung in French · /);
		const english = readMessage((await playlist({ prompt: 'sad indie songs', length: 5 })).message);
		expect(english.embeds.at(-1)?.footer?.text).not.toContain('sung in');
	});

	it('keeps 100 tracks within every Discord limit', async () => {
		bot = await startBot({ upstreams: { catalog: { hostile: true } } });
		const handle = await playlist({ prompt: 'a long mix of rock, pop and jazz', length: 100 });
		const shown = readMessage(handle.message);
		const lines = shown.description.split('\n').filter((line) => /^\d+\. /.test(line));
		expect(lines).toHaveLength(100);
		expect(lines.map((line) => Number(/^(\d+)\./.exec(line)?.[1]))).toEqual(
			Array.from({ length: 100 }, (_, index) => index + 1),
		);
		const total = shown.embeds.reduce(
			(sum, embed) =>
				sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0),
			0,
		);
		expect(total).toBeLessThanOrEqual(6000);
		expect(shown.embeds.length).toBeLessThanOrEqual(10);
		expect(shown.embeds.every((embed) => (embed.description?.length ?? 0) <= 4096)).toBe(true);
		expect(shown.embeds[0]?.title).toMatch(/ · 100 tracks · \d+ h \d+ min$/);
		expect(bot.discord.violations).toEqual([]);
	});
});
