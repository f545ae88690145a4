import { start } from './app.js';
import { loadBotConfig } from './config.js';
import { createLogger } from './log.js';
import { runEntry } from './runEntry.js';

// What each ShardingManager child (`npm run start:sharded`) runs: the bot for the shards discord.js names in SHARDS,
// without the OAuth callback server, which the manager serves once. It also stops when the manager is gone (its
// IPC channel closes), so a killed manager leaves no shard behind.

runEntry(async () => {
	const config = loadBotConfig(process.env);
	const logger = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	return start(config, { http: false, logger: logger.child({ shards: config.sharding?.ids }) });
}, ['disconnect']);
