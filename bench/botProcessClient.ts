import { execFile, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BotConfig } from '../src/config.js';
import { npmScriptNodeFlags } from '../standins/npmScriptFlags.js';

// The bench's handle on the bot's process (botProcess.ts): compiles it, forks it under plain node with npm start's
// Node flags, and turns the messages over Node's IPC channel into awaited calls.

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

/** The bench's settings travel with the call, so the bot's process need not load them. */
export interface BotStart {
	config: BotConfig;
	progressIntervalMs: number;
	/** Log at debug level and count the lines by message (see LogCounts), instead of logging nothing. */
	countLogs?: boolean;
}

/** Log lines by message, and by message and `from` for lines that have one ("search page:cache"). */
export type LogCounts = Record<string, number>;

export interface BotCalls {
	start: { args: BotStart; result: null };
	naive: { args: { prompt: string; length: number }; result: NaiveOutcome };
	memory: { args: Record<string, never>; result: MemoryUsage };
	rateLimitWaits: { args: Record<string, never>; result: RateLimitWaits };
	logCounts: { args: Record<string, never>; result: LogCounts };
	stop: { args: Record<string, never>; result: null };
}

export type BotCallKind = keyof BotCalls;

export type BotCall = { [K in BotCallKind]: { id: number; kind: K; args: BotCalls[K]['args'] } }[BotCallKind];

export type BotReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface BotProcess {
	call<K extends BotCallKind>(kind: K, args: BotCalls[K]['args']): Promise<BotCalls[K]['result']>;
	/** Stops the bot and waits for its process to end. */
	close(): Promise<void>;
}

// The bot runs from compiled JavaScript under plain node, as `npm start` runs it: tsx's loader would add to its RSS.
// The output goes to node_modules/.cache (ignored by git and eslint), where bare imports still resolve.
const BUILD_DIR = new URL('../node_modules/.cache/promptlist-bench/', import.meta.url);
const TSCONFIG = {
	extends: '../../../tsconfig.json',
	compilerOptions: {
		rootDir: '../../..',
		outDir: '.',
		noEmit: false,
		sourceMap: false,
		incremental: true,
		tsBuildInfoFile: './tsbuildinfo',
	},
	include: [],
	files: ['../../../bench/botProcess.ts'],
};
const EXIT_WAIT_MS = 3_000;

/** Compiles bench/botProcess.ts and what it imports; returns the entry's path. */
export async function compileBotProcess(): Promise<string> {
	await mkdir(BUILD_DIR, { recursive: true });
	const tsconfig = fileURLToPath(new URL('tsconfig.json', BUILD_DIR));
	await writeFile(tsconfig, JSON.stringify(TSCONFIG, null, '\t'));
	const entry = fileURLToPath(new URL('bench/botProcess.js', BUILD_DIR));
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	try {
		await promisify(execFile)(process.execPath, [tsc, '-p', tsconfig]);
	} catch (error) {
		// tsc still emits on type errors (someone may be mid-edit in src/); only a missing entry is fatal.
		const output = (error as { stdout?: string }).stdout ?? String(error);
		if (!existsSync(entry)) throw new Error(`could not compile the bot:\n${output}`);
		console.error(`[bench] tsc reported errors; running the emitted code anyway:\n${output.slice(0, 2000)}`);
	}
	return entry;
}

export function forkBotProcess(entry: string): BotProcess {
	// Advanced serialization keeps Buffers (the token encryption key) intact.
	const child: ChildProcess = fork(entry, [], { execArgv: npmScriptNodeFlags('start'), serialization: 'advanced' });
	const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	child.on('message', (reply: BotReply) => {
		const pending = waiting.get(reply.id);
		waiting.delete(reply.id);
		if (reply.ok) pending?.resolve(reply.value);
		else pending?.reject(new Error(`bot process: ${reply.error}`));
	});
	child.once('exit', (code) => {
		for (const pending of waiting.values()) pending.reject(new Error(`bot process exited with ${code}`));
		waiting.clear();
	});

	function call<K extends BotCallKind>(kind: K, args: BotCalls[K]['args']): Promise<BotCalls[K]['result']> {
		const id = nextId++;
		return new Promise((resolve, reject) => {
			waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, kind, args });
		});
	}

	return {
		call,
		async close() {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			await call('stop', {}).catch(() => undefined);
			const timer = setTimeout(() => child.kill(), EXIT_WAIT_MS);
			await exited;
			clearTimeout(timer);
		},
	};
}
