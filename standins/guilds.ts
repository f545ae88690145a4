// The guilds the Discord stand-in serves in tests, the benchmark and the demo.

/** The one guild of an unsharded bot. */
export const GUILD_ID = '100000000000000001';

/** Guild ids whose shard, (id >> 22) % 2, is 0 and 1. */
export const SHARD_GUILDS = ['100000000000000001', '100000000004194305'] as const;
