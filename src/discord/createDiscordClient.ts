import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { BotConfig } from '../config.js';
import type { Logger } from '../log.js';
import { getClientShards } from './clientShards.js';

/** The gateway client for the shards this process runs, logging the connection's ups and downs. */
export function createDiscordClient(config: Pick<BotConfig, 'discord' | 'sharding'>, logger: Logger): Client {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		// Interaction callbacks and webhook edits are exempt from Discord's global limit of 50 requests a second,
		// but discord.js counts them against it and would stall busy moments; the bot's other calls are rare.
		rest: { api: config.discord.apiUrl, timeout: 15_000, globalRequestsPerSecond: 500 },
		allowedMentions: { parse: [] },
		...getClientShards(config.sharding),
	});
	client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
	// discord.js emits ShardDisconnect only when it gives up; ordinary drops show as reconnecting.
	client.on(Events.ShardReconnecting, () => logger.warn('gateway connection lost; reconnecting'));
	client.on(Events.ShardDisconnect, (event) => logger.error({ code: event.code }, 'gateway disconnected for good'));
	client.on(Events.ShardResume, () => logger.info('gateway resumed'));
	return client;
}
