import type { BotConfig } from '../src/config.js';
import { startCatalogOllama, tempDatabaseUrl, type Upstreams } from '../standins/upstreams.js';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord.js';
import type { OllamaStandin } from '../standins/ollama.js';
import { SHARD_GUILDS } from '../standins/guilds.js';
import { forkBotProcess, type BotProcess } from './botProcessClient.js';
import { LATENCY, SEED } from './settings.js';

// The two deployments the shards step compares, each on its own Discord stand-in with one guild per shard and the
// same two Ollama hosts: one bot process over SQLite, or two shard processes (SHARD_COUNT=2, SHARDS=0 / SHARDS=1,
// as two instances would run them) over one Redis. Both get the same OLLAMA_CONCURRENCY, which the store holds per
// host across processes, so both have the same LLM capacity.

export { SHARD_GUILDS };

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
export async function startSide(
	entry: string,
	base: BotConfig,
	options: { databaseUrl: string; shards: (number[] | undefined)[] },
): Promise<Side> {
	const discord = await startDiscordStandin({ guildIds: [...SHARD_GUILDS] });
	const count = options.shards.length;
	const processes = options.shards.map(() => forkBotProcess(entry));
	try {
		await Promise.all(
			processes.map((bot, index) => {
				const ids = options.shards[index];
				const sharding = ids ? { count, ids } : undefined;
				const config = sideConfig(base, discord, { databaseUrl: options.databaseUrl, sharding });
				return bot.call('start', { config });
			}),
		);
	} catch (error) {
		await Promise.all(processes.map((bot) => bot.close()));
		await discord.close();
		throw error;
	}
	return {
		discord,
		processes,
		async close() {
			await Promise.all(processes.map((bot) => bot.close()));
			await discord.close();
		},
	};
}

export const singleProcess = (entry: string, base: BotConfig) =>
	startSide(entry, base, { databaseUrl: tempDatabaseUrl(), shards: [undefined] });

export const twoShards = (entry: string, base: BotConfig, redisUrl: string) =>
	startSide(entry, base, { databaseUrl: redisUrl, shards: [[0], [1]] });
