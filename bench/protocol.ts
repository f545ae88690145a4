import type { BotConfig } from '../src/config.js';

// Messages between the bench (parent) and the process the bot runs in (botProcess.ts), over Node's IPC channel.

export interface NaiveOutcome {
	ms: number;
	tracks: number;
	degraded: string | null;
}

export interface MemoryUsage {
	rssMb: number;
	heapUsedMb: number;
}

/** discord.js's client-side rate-limit waits since boot: its global limit, and per-route buckets. */
export interface RateLimitWaits {
	global: number;
	route: number;
}

export interface BotCalls {
	start: { args: { config: BotConfig }; result: null };
	naive: { args: { prompt: string; length: number }; result: NaiveOutcome };
	memory: { args: Record<string, never>; result: MemoryUsage };
	rateLimitWaits: { args: Record<string, never>; result: RateLimitWaits };
	stop: { args: Record<string, never>; result: null };
}

export type BotCallKind = keyof BotCalls;

export type BotCall = { [K in BotCallKind]: { id: number; kind: K; args: BotCalls[K]['args'] } }[BotCallKind];

export type BotReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
