import { existsSync, readFileSync } from 'node:fs';
import type { InteractionHandle } from '../../standins/discord.js';
import { openCallbackAndConfirm } from './confirmForm.js';
import { linkSpotify, readMessage, type BotHarness } from './bot.js';

// What the personal-playlist tests share: running /playlist with its options, following a relink offer to Spotify's
// consent page, and reading what the bot sent to the LLM and kept on disk.

const TRACK_LINK = /\(https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)\)/g;

/** The track ids of a playlist message, in order. */
export function trackIdsOf(message: InteractionHandle['message']): string[] {
	return [...readMessage(message).description.matchAll(TRACK_LINK)].map((match) => match[1] ?? '');
}

/** The message an interaction ended with: its reply, or the ephemeral follow-up after a deleted public reply. */
export function answerOf(handle: InteractionHandle) {
	return readMessage(handle.followUpMessages.at(-1) ?? handle.message);
}

/** /playlist as `userId`; resolves once it shows a playlist with its controls, or an answer of its own. */
export async function playlist(
	bot: BotHarness,
	userId: string,
	options: Record<string, string | number | boolean>,
	until: (handle: InteractionHandle) => boolean = shown,
): Promise<InteractionHandle> {
	const handle = bot.discord.sendCommand({ name: 'playlist', options, userId });
	await handle.waitFor(until, 30_000);
	return handle;
}

/** A playlist with its controls, an error after a public reply, or an answer without one. */
const shown = (h: InteractionHandle) =>
	(h.message?.components.length ?? 0) > 0 || h.followUps.length > 0 || h.callbacks[0]?.type === 4;

/** An ephemeral reply's text, once an edit has put it in place of "thinking…" (no progress comes first). */
export const edited = (h: InteractionHandle) => h.edits.length > 0;

/** Follows the link button of a relink offer as the browser would: consent (auto-approved), then Link. */
export async function allowOnSpotify(handle: InteractionHandle): Promise<string> {
	const url = answerOf(handle).buttons.find((button) => button.label === 'Allow on Spotify')?.url;
	if (!url) throw new Error(`no relink offer in: ${answerOf(handle).content}`);
	const consent = await fetch(url, { redirect: 'manual' });
	const { decided } = await openCallbackAndConfirm(consent.headers.get('location') ?? '');
	if (decided?.status !== 200) throw new Error(`the relink was not confirmed (${decided?.status})`);
	return url;
}

/** Links `userId` to `spotifyUser`, then allows every personal scope through the relink the features offer. */
export async function linkForPersonal(bot: BotHarness, userId: string, spotifyUser: string): Promise<void> {
	await linkSpotify(bot, userId, spotifyUser);
	const asked = await playlist(bot, userId, { prompt: 'anything', taste: true, 'new-to-me': true, extend: 'x' });
	await allowOnSpotify(asked);
}

/** Every chat request the LLM got, its messages as JSON text, in order. */
export function llmRequests(bot: BotHarness): string[] {
	return bot.upstreams.ollama.chatRequests.map((request) => JSON.stringify(request.messages));
}

/** Everything SQLite has on disk for the bot's database: the file, its write-ahead log and shared memory. */
export function rawDatabase(bot: BotHarness): string {
	const path = bot.config.databaseUrl.replace(/^sqlite:\/\//, '');
	return [path, `${path}-wal`, `${path}-shm`]
		.filter((file) => existsSync(file))
		.map((file) => readFileSync(file).toString('latin1'))
		.join('\n');
}

/** Clicks a button of `message` as `userId`; resolves with the ephemeral answer's text and buttons. */
export async function click(bot: BotHarness, message: InteractionHandle['message'], label: string, userId: string) {
	const customId = readMessage(message).buttons.find((button) => button.label === label)?.custom_id;
	if (!customId) throw new Error(`no button ${label}`);
	const clicked = bot.discord.sendButton({ customId, userId, message });
	await clicked.waitFor((h) => h.edits.length > 0 || h.callbacks[0]?.type === 4, 20_000);
	return { handle: clicked, ...readMessage(clicked.message) };
}
