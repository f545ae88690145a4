import type { DiscordStandin, InteractionHandle } from '../standins/discord.js';
import { FIRST_TRACKS_MIN } from './settings.js';

// One /playlist as a user sends it, timed on the Discord stand-in's clock (performance.now() in this process) from
// the interaction's dispatch to the deferral, to the first edit that lists tracks and to the edit that carries the
// playlist; and the small summaries every figure is made of: a median with its min–max, percentiles, sums.

export interface PlaylistTiming {
	sentAt: number;
	finalAt: number;
	deferMs: number;
	/** To the first edit listing at least FIRST_TRACKS_MIN tracks: the progressive reply's seeds, or the final list. */
	firstTracksMs: number;
	finalMs: number;
	/** The final edit's body, as the bot sent it. */
	finalBody: unknown;
}

export interface Spread {
	median: number;
	min: number;
	max: number;
}

const DEFERRED_CALLBACK = 5;

function hasPlaylist(handle: InteractionHandle): boolean {
	return (handle.message?.components.length ?? 0) > 0;
}

function hasComponents(body: unknown): boolean {
	const components = (body as { components?: unknown[] } | undefined)?.components;
	return Array.isArray(components) && components.length > 0;
}

const TRACK_LINE = /^\d+\. /gm;

/** Track lines ("1. [Title](url) — Artist") over an edit's embeds. */
export function trackLines(body: unknown): number {
	const embeds = (body as { embeds?: { description?: unknown }[] } | undefined)?.embeds ?? [];
	const descriptions = embeds.map((embed) => (typeof embed.description === 'string' ? embed.description : ''));
	return descriptions.reduce((count, description) => count + (description.match(TRACK_LINE)?.length ?? 0), 0);
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
	const edits = handle.requests.filter((request) => request.method === 'PATCH');
	const final = edits.find((request) => hasComponents(request.body));
	const firstTracks = edits.find((request) => trackLines(request.body) >= FIRST_TRACKS_MIN) ?? final;
	const deferred = (callback?.body as { type?: number } | undefined)?.type === DEFERRED_CALLBACK;
	if (!callback || !final || !firstTracks || !deferred) {
		throw new Error(`interaction ${handle.id} was not deferred and then answered`);
	}
	return {
		sentAt: handle.sentAt,
		finalAt: final.at,
		deferMs: callback.at - handle.sentAt,
		firstTracksMs: firstTracks.at - handle.sentAt,
		finalMs: final.at - handle.sentAt,
		finalBody: final.body,
	};
}

let lastUser = 0;

/** A new Discord user id per request: the bot allows one playlist in the making per user. */
export function nextUserId(): string {
	lastUser++;
	return String(300_000_000_000_000_000n + BigInt(lastUser));
}

function sorted(values: readonly number[]): number[] {
	if (values.length === 0) throw new Error('no values to summarize');
	return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
	const ordered = sorted(values);
	const middle = Math.floor(ordered.length / 2);
	return ordered.length % 2 === 1
		? (ordered[middle] as number)
		: ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2;
}

/** Nearest-rank percentile: p99 of 200 values is the 198th smallest. */
export function percentile(values: readonly number[], p: number): number {
	const ordered = sorted(values);
	return ordered[Math.max(0, Math.ceil((p / 100) * ordered.length) - 1)] as number;
}

export function spread(values: readonly number[]): Spread {
	const ordered = sorted(values);
	return { median: median(ordered), min: ordered[0] as number, max: ordered.at(-1) as number };
}

export function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** When the last reply came after the first request, and the spread of time to defer and to final reply. */
export function summarizeTimings(timings: readonly PlaylistTiming[]) {
	const defer = timings.map((timing) => timing.deferMs);
	const final = timings.map((timing) => timing.finalMs);
	const started = Math.min(...timings.map((timing) => timing.sentAt));
	return {
		lastMs: Math.max(...timings.map((timing) => timing.finalAt)) - started,
		deferP50Ms: percentile(defer, 50),
		deferP95Ms: percentile(defer, 95),
		finalP50Ms: percentile(final, 50),
		finalP95Ms: percentile(final, 95),
	};
}
