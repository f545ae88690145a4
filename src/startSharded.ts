import { loadBotConfig } from './config.js';
import { runEntry } from './runEntry.js';
import { startShardManager } from './shardManager.js';

// `npm run start:sharded`: the bot split into one process per shard under discord.js's ShardingManager, with the
// OAuth callback server here, once.

runEntry(() => startShardManager(loadBotConfig(process.env)));
