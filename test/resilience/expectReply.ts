import { expect } from 'vitest';
import { PLAYLIST_BUTTONS, readMessage, type BotHarness } from '../helpers/bot.js';
import type { InteractionHandle } from '../../standins/discord.js';

// "The interaction ended with a valid reply": a finished playlist, or an ephemeral message (a first reply, an
// edited ephemeral "thinking…", or a follow-up after the public "thinking…" was removed). Never a reply still
// loading, never a body Discord would reject, never a mention, never a link the bot didn't make.

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

type Body = Record<string, unknown>;

export interface EndedReply {
	kind: 'playlist' | 'message';
	ephemeral: boolean;
	content: string;
	/** The whole reply as readMessage sees it (embeds, description, buttons). */
	message: ReturnType<typeof readMessage>;
	/** From dispatch to the request that ended the interaction. */
	ms: number;
}

const isLoading = (handle: InteractionHandle) => ((handle.message?.flags ?? 0) & LOADING) !== 0;
const hasPlaylistButtons = (message: InteractionHandle['message']) =>
	readMessage(message).buttons.some((button) => button.custom_id?.startsWith('save:'));

/** How the interaction ended, or null while it is still going. */
export function endedReply(handle: InteractionHandle): Omit<EndedReply, 'ms'> | null {
	const callback = handle.callbacks[0];
	if (callback?.type === 4) {
		const data = callback.data ?? {};
		const ephemeral = (Number(data.flags ?? 0) & EPHEMERAL) !== 0;
		return { kind: 'message', ephemeral, content: readMessage(data).content, message: readMessage(data) };
	}
	if (isLoading(handle)) return null;
	const followUp = handle.followUps.at(-1);
	if (followUp) {
		const ephemeral = (Number(followUp.flags ?? 0) & EPHEMERAL) !== 0;
		return { kind: 'message', ephemeral, content: readMessage(followUp).content, message: readMessage(followUp) };
	}
	const message = handle.message;
	if (!message || handle.edits.length === 0) return null;
	// A component interaction's message is the clicked one: only a new draft's buttons end a Regenerate.
	const clicked = handle.type === 3 ? readMessage(handle.payload.message as Body).buttons[0]?.custom_id : undefined;
	if (hasPlaylistButtons(message) && readMessage(message).buttons[0]?.custom_id !== clicked) {
		return { kind: 'playlist', ephemeral: false, content: message.content, message: readMessage(message) };
	}
	if ((message.flags & EPHEMERAL) !== 0) {
		return { kind: 'message', ephemeral: true, content: message.content, message: readMessage(message) };
	}
	return null;
}

/**
 * Waits until the interaction has ended (see endedReply), then checks the Discord-side rules for everything the
 * bot sent about it. Fails with the stand-in's list of requests when it does not end within `withinMs`.
 */
export async function expectValidReply(
	bot: BotHarness,
	handle: InteractionHandle,
	withinMs = 30_000,
): Promise<EndedReply> {
	await handle.waitFor((h) => endedReply(h) !== null, withinMs);
	const ended = endedReply(handle);
	if (!ended) throw new Error('unreachable: the interaction ended and then un-ended');
	const answered = handle.requests.filter((request) => request.status >= 200 && request.status < 300);
	const ms = (answered.at(-1)?.at ?? handle.sentAt) - handle.sentAt;
	expect(isLoading(handle), 'the reply is still "thinking…"').toBe(false);
	expectSafeBodies(bot, handle);
	return { ...ended, ms };
}

/** An error or notice the user alone sees. */
export async function expectEphemeralMessage(bot: BotHarness, handle: InteractionHandle, withinMs = 30_000) {
	const reply = await expectValidReply(bot, handle, withinMs);
	expect(reply, `expected an ephemeral message, got: ${reply.content}`).toMatchObject({
		kind: 'message',
		ephemeral: true,
	});
	return reply;
}

/** A finished playlist with Save / Regenerate; returns its track lines. */
export async function expectPlaylist(bot: BotHarness, handle: InteractionHandle, withinMs = 30_000) {
	const reply = await expectValidReply(bot, handle, withinMs);
	expect(reply.kind, `expected a playlist, got: ${reply.content}`).toBe('playlist');
	expect(reply.message.buttons.map((button) => button.label)).toEqual(PLAYLIST_BUTTONS);
	const lines = reply.message.description.split('\n').filter(Boolean);
	return { ...reply, lines, trackIds: lines.map((line) => /open\.spotify\.com\/track\/(\w+)\)/.exec(line)?.[1]) };
}

/** Every message body the bot sent about this interaction: callback data, edits and follow-ups. */
export function sentBodies(handle: InteractionHandle): Body[] {
	const callbacks = handle.callbacks.filter((callback) => callback.type === 4 || callback.type === 7);
	return [...callbacks.map((callback) => callback.data ?? {}), ...(handle.edits as Body[]), ...handle.followUps];
}

/** The text a user reads in a body: content, embed title/description/footer/fields/author, button labels. */
export function visibleText(body: Body): string[] {
	const { embeds, buttons } = readMessage(body);
	const fields = (embeds as { fields?: { name: string; value: string }[]; author?: { name: string } }[]).flatMap(
		(embed) => [...(embed.fields ?? []).flatMap((field) => [field.name, field.value]), embed.author?.name ?? ''],
	);
	return [
		readMessage(body).content,
		...embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '']),
		...fields,
		...buttons.map((button) => button.label ?? ''),
	].filter(Boolean);
}

// A mention Discord would render (or ping): everyone/here, users, roles, channels.
const MENTION = /@(everyone|here)\b|<@[!&]?\d+>|<#\d+>/i;
// URLs Discord turns into links: bare ones and the targets of masked links.
const BARE_URL = /\bhttps?:\/\/[^\s)>\]]+/gi;
const MASKED_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(\s*<?([^)\s>]+)/g;

export function linksIn(text: string): string[] {
	return [
		...[...text.matchAll(BARE_URL)].map((match) => match[0]),
		...[...text.matchAll(MASKED_LINK)].map((m) => m[1] ?? ''),
	];
}

/**
 * What holds for every body the bot sent about `handle`: Discord accepted it, it parses no mention, shows none,
 * and links only to open.spotify.com.
 */
export function expectSafeBodies(bot: BotHarness, handle: InteractionHandle): void {
	expect(bot.discord.violations).toEqual([]);
	const rejected = handle.requests.filter((request) => request.status >= 400 && request.status !== 429);
	expect(rejected.map((request) => `${request.method} ${request.path} → ${request.status}`)).toEqual([]);
	const mentions = bot.discord.allowedMentions.filter((record) => record.interactionId === handle.id);
	for (const record of mentions) expect(record.allowedMentions).toEqual({ parse: [] });
	for (const body of sentBodies(handle)) {
		for (const text of visibleText(body)) {
			expect(text, 'a mention reached Discord').not.toMatch(MENTION);
			for (const link of linksIn(text))
				expect(link, 'a link the bot did not make').toMatch(/^https:\/\/open\.spotify\.com\//);
		}
		for (const button of readMessage(body).buttons) {
			if (button.url !== undefined) expect(button.url).toMatch(/^https:\/\/open\.spotify\.com\//);
		}
	}
}
