import type { ClientOptions } from 'discord.js';
import type { ShardingConfig } from '../config.js';

// With shards 'auto' discord.js asks Discord for the count and ignores shardCount. But left at its default (1),
// shardCount is first read from the environment's SHARD_COUNT, unchecked, where ours may say 'auto': NaN, and the
// client refuses to start. Any other number skips that read.
const SHARD_COUNT_UNUSED = 2;

/** discord.js Client options for the shards this process runs: SHARDS out of SHARD_COUNT, or all of them. */
export function getClientShards(sharding: ShardingConfig | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
	// Configs built by hand (tests): discord.js's default, one shard.
	if (!sharding) return {};
	// Asked of the configured REST base (DISCORD_API_URL), unlike ShardingManager's 'auto'.
	if (sharding.count === 'auto') return { shards: 'auto', shardCount: SHARD_COUNT_UNUSED };
	// Explicit shards, else discord.js would read them from SHARDS itself. With a count of 1, it reads SHARD_COUNT
	// too, which then says 1 as well: this config came from the same environment.
	const all = Array.from({ length: sharding.count }, (_, id) => id);
	return { shards: sharding.ids ?? all, shardCount: sharding.count };
}
