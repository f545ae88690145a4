import { randomBytes } from 'node:crypto';
import type { BotConfig } from '../src/config.js';
import { GUILD_ID } from '../standins/guilds.js';
import { pipelineConfig, startUpstreams, type Upstreams } from '../standins/upstreams.js';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord.js';
import { compileBotProcess } from './compileBot.js';
import { forkBotProcess, type BotProcess } from './botProcessClient.js';
import type { MemoryUsage } from './protocol.js';
import { BOT_DEFAULTS, LATENCY, SEED } from './settings.js';

// Stand-ins here, the bot in its own process: the same wiring as test/helpers/bot.ts, with seeded latency and the
// bot's real defaults instead of the tests' short timeouts.

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
	await bot.call('start', { config });
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
