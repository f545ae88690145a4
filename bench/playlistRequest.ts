import type { DiscordStandin, InteractionHandle } from '../standins/discord.js';

// One /playlist as a user sends it, timed on the Discord stand-in's clock (performance.now() in this process):
// from the interaction's dispatch to the deferral and to the edit that carries the playlist.

export interface PlaylistTiming {
	sentAt: number;
	finalAt: number;
	deferMs: number;
	finalMs: number;
}

const DEFERRED_CALLBACK = 5;

function hasPlaylist(handle: InteractionHandle): boolean {
	return (handle.message?.components.length ?? 0) > 0;
}

function hasComponents(body: unknown): boolean {
	const components = (body as { components?: unknown[] } | undefined)?.components;
	return Array.isArray(components) && components.length > 0;
}

export function sendPlaylist(
	discord: DiscordStandin,
	request: { prompt: string; length: number; userId: string; guildId?: string },
): InteractionHandle {
	const { prompt, length, userId, guildId } = request;
	return discord.sendCommand({ name: 'playlist', options: { prompt, length }, userId, guildId });
}

export async function timePlaylist(handle: InteractionHandle, timeoutMs: number): Promise<PlaylistTiming> {
	await handle.waitFor(hasPlaylist, timeoutMs);
	const callback = handle.requests.find((request) => request.path.endsWith('/callback'));
	const final = handle.requests.find((request) => request.method === 'PATCH' && hasComponents(request.body));
	const deferred = (callback?.body as { type?: number } | undefined)?.type === DEFERRED_CALLBACK;
	if (!callback || !final || !deferred) throw new Error(`interaction ${handle.id} was not deferred and then answered`);
	return {
		sentAt: handle.sentAt,
		finalAt: final.at,
		deferMs: callback.at - handle.sentAt,
		finalMs: final.at - handle.sentAt,
	};
}

let lastUser = 0;

/** A new Discord user id per request: the bot allows one playlist in the making per user. */
export function nextUserId(): string {
	lastUser++;
	return String(300_000_000_000_000_000n + BigInt(lastUser));
}
