import type { DiscordConfig } from '../config.js';

const TIMEOUT_MS = 10_000;

/**
 * Discord's recommended shard count, from `GET /gateway/bot` on DISCORD_API_URL. ShardingManager's own 'auto' asks
 * discord.com whatever the configured REST base, so a proxy or stand-in would be bypassed.
 */
export async function fetchRecommendedShardCount(discord: Pick<DiscordConfig['discord'], 'apiUrl' | 'token'>) {
	const response = await fetch(`${discord.apiUrl}/v10/gateway/bot`, {
		headers: { authorization: `Bot ${discord.token}` },
		signal: AbortSignal.timeout(TIMEOUT_MS),
	});
	if (response.status === 401) throw new Error('Discord rejected DISCORD_TOKEN (401 from GET /gateway/bot)');
	if (!response.ok)
		throw new Error(`Discord answered ${response.status} to GET /gateway/bot; set SHARD_COUNT to skip it`);
	const { shards } = (await response.json()) as { shards?: unknown };
	if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) {
		throw new Error(`Discord's GET /gateway/bot gave no shard count (${JSON.stringify(shards)})`);
	}
	return shards;
}
