import { randomBytes } from 'node:crypto';
import type { BotConfig } from '../src/config.js';
import { GUILD_ID, SHARD_GUILDS } from '../standins/guilds.js';
import type { OllamaStandin } from '../standins/ollama.js';
import {
	pipelineConfig,
	startCatalogOllama,
	startUpstreams,
	tempDatabaseUrl,
	type Upstreams,
} from '../standins/upstreams.js';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord.js';
import { compileBotProcess, forkBotProcess, type BotProcess, type MemoryUsage } from './botProcessClient.js';
import { BOT_DEFAULTS, LATENCY, SEED } from './settings.js';

// Stand-ins here, the bot in its own process: the same wiring as test/helpers/bot.ts, with seeded latency and the
// bot's real defaults instead of the tests' short timeouts. Also the two deployments the shards step compares.

export interface BenchEnvironment {
	upstreams: Upstreams;
	discord: DiscordStandin;
	bot: BotProcess;
	config: BotConfig;
	/** The compiled bot process, for steps that start bot processes of their own. */
	botEntry: string;
	/** The bot process right after it logged in, before any playlist. */
	bootMemory: MemoryUsage;
	close(): Promise<void>;
}

function botConfig(upstreams: Upstreams, discord: DiscordStandin): BotConfig {
	const base = pipelineConfig(upstreams, {
		concurrency: BOT_DEFAULTS.ollamaConcurrency,
		timeoutMs: BOT_DEFAULTS.ollamaTimeoutMs,
	});
	return {
		...base,
		logLevel: 'silent',
		discord: { token: discord.token, clientId: discord.applicationId, guildId: GUILD_ID, apiUrl: discord.apiUrl },
		spotify: { ...base.spotify, redirectUri: 'http://127.0.0.1:0/callback' },
		http: { host: '127.0.0.1', port: 0 },
		tokenEncryptionKey: randomBytes(32),
	};
}

export async function startBenchEnvironment(): Promise<BenchEnvironment> {
	const upstreams = await startUpstreams({
		ollama: { ...LATENCY.ollama, latencyJitter: 0, seed: SEED },
		spotify: { ...LATENCY.spotify, seed: SEED },
	});
	const discord = await startDiscordStandin({ guildIds: [GUILD_ID] });
	const config = botConfig(upstreams, discord);
	const botEntry = await compileBotProcess();
	const bot = forkBotProcess(botEntry);
	await bot.call('start', { config, progressIntervalMs: BOT_DEFAULTS.progressIntervalMs });
	const bootMemory = await bot.call('memory', {});
	return {
		upstreams,
		discord,
		bot,
		config,
		botEntry,
		bootMemory,
		async close() {
			await bot.close();
			await Promise.all([discord.close(), upstreams.close()]);
		},
	};
}

/**
 * One deployment of the shards step, on its own Discord stand-in with one guild per shard: one bot process over
 * SQLite, or two shard processes (SHARD_COUNT=2, SHARDS=0 / SHARDS=1, as two instances would run them) over one
 * Redis. Both get the same OLLAMA_CONCURRENCY, which the store holds per host across processes.
 */
export interface Side {
	discord: DiscordStandin;
	processes: BotProcess[];
	close(): Promise<void>;
}

/** A second Ollama stand-in like upstreams.ollama: same catalog, seed and latency. */
export function startSecondOllama(upstreams: Upstreams): Promise<OllamaStandin> {
	return startCatalogOllama(upstreams.catalog, { ...LATENCY.ollama, latencyJitter: 0, seed: SEED });
}

function sideConfig(base: BotConfig, discord: DiscordStandin, overrides: Partial<BotConfig>): BotConfig {
	return {
		...base,
		// No guild: commands deploy globally, so both guilds have /playlist.
		discord: { token: discord.token, clientId: discord.applicationId, guildId: undefined, apiUrl: discord.apiUrl },
		...overrides,
	};
}

/**
 * Starts one bot process per entry of `shards` (undefined: one process with every shard) on `databaseUrl`.
 * `base` is the bench's bot config with the Ollama hosts already set.
 */
async function startSide(
	entry: string,
	base: BotConfig,
	options: { databaseUrl: string; shards: (number[] | undefined)[]; countLogs?: boolean },
): Promise<Side> {
	const discord = await startDiscordStandin({ guildIds: [...SHARD_GUILDS] });
	const count = options.shards.length;
	const processes = options.shards.map(() => forkBotProcess(entry));
	const close = async () => {
		await Promise.all(processes.map((bot) => bot.close()));
		await discord.close();
	};
	try {
		await Promise.all(
			processes.map((bot, index) => {
				const ids = options.shards[index];
				const sharding = ids ? { count, ids } : undefined;
				const config = sideConfig(base, discord, { databaseUrl: options.databaseUrl, sharding });
				const { countLogs } = options;
				return bot.call('start', { config, progressIntervalMs: BOT_DEFAULTS.progressIntervalMs, countLogs });
			}),
		);
	} catch (error) {
		await close();
		throw error;
	}
	return { discord, processes, close };
}

/** One bot process with every shard, over a new SQLite file; `countLogs` as in BotStart. */
export const singleProcess = (entry: string, base: BotConfig, countLogs = false) =>
	startSide(entry, base, { databaseUrl: tempDatabaseUrl(), shards: [undefined], countLogs });

export const twoShards = (entry: string, base: BotConfig, redisUrl: string) =>
	startSide(entry, base, { databaseUrl: redisUrl, shards: [[0], [1]] });
