import { Writable } from 'node:stream';
import { RESTEvents } from 'discord.js';
import { start, type App } from '../src/app.js';
import { createLogger, type Logger } from '../src/log.js';
import { createNaiveReference, type NaiveReference } from './naive.js';
import type {
	BotCall,
	BotCalls,
	BotReply,
	BotStart,
	LogCounts,
	MemoryUsage,
	RateLimitWaits,
} from './botProcessClient.js';

// The bot's own process: the real bot (start(config)) and the naive reference, apart from the stand-ins, so their
// CPU time does not count as the bot's and the RSS measured is the bot's alone. Driven by botProcessClient.ts; apart
// from naive.ts it imports only types from the bench, so no stand-in or bench code adds to that RSS.

const MB = 1024 * 1024;

interface Running {
	app: App;
	naive: NaiveReference;
	/** discord.js's rate-limit waits since boot; only observed, to show when the client, not Discord, holds back. */
	waits: RateLimitWaits;
}

/** A debug-level logger whose lines are only counted, by message (and `from`, where a line has one). */
function countingLogger(counts: LogCounts): Logger {
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n').filter(Boolean)) {
				const { msg, from } = JSON.parse(line) as { msg?: string; from?: string };
				const key = from === undefined ? String(msg) : `${msg}:${from}`;
				counts[key] = (counts[key] ?? 0) + 1;
			}
			done();
		},
	});
	return createLogger({ level: 'debug', destination });
}

async function boot({ config, progressIntervalMs, countLogs }: BotStart, counts: LogCounts): Promise<Running> {
	// Logging off, so writing lines does not distort the timings; counted instead where a step asks.
	const logger = countLogs ? countingLogger(counts) : createLogger({ level: 'silent' });
	const app = await start(config, { logger, progressIntervalMs });
	const waits = { global: 0, route: 0 };
	app.client.rest.on(RESTEvents.RateLimited, (info) => void (info.global ? waits.global++ : waits.route++));
	return { app, naive: await createNaiveReference(config, logger), waits };
}

function memoryUsage(): MemoryUsage {
	const { rss, heapUsed } = process.memoryUsage();
	return { rssMb: rss / MB, heapUsedMb: heapUsed / MB };
}

function serveBotProcess(): void {
	const logCounts: LogCounts = {};
	let running: Running | null = null;
	const started = (): Running => {
		if (!running) throw new Error('the bot process was not started');
		return running;
	};

	async function answer(call: BotCall): Promise<BotCalls[BotCall['kind']]['result']> {
		switch (call.kind) {
			case 'start':
				running = await boot(call.args, logCounts);
				return null;
			case 'naive':
				return started().naive.run(call.args.prompt, call.args.length);
			case 'memory':
				return memoryUsage();
			case 'rateLimitWaits':
				return { ...started().waits };
			case 'logCounts':
				return { ...logCounts };
			case 'stop':
				await running?.app.stop();
				await running?.naive.close();
				// Let the process end once the IPC channel is the last thing holding it.
				setImmediate(() => process.disconnect());
				return null;
		}
	}

	process.on('message', (call: BotCall) => {
		const reply = (message: BotReply) => process.send?.(message);
		const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
		answer(call).then(
			(value) => reply({ id: call.id, ok: true, value }),
			(error: unknown) => reply({ id: call.id, ok: false, error: describe(error) }),
		);
	});
}

serveBotProcess();
