import { randomBytes } from 'node:crypto';
import { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadBotConfig } from '../../src/config.js';
import { getClientShards } from '../../src/discord/clientShards.js';
import { fetchRecommendedShardCount } from '../../src/discord/recommendedShardCount.js';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';

const BOT_ENV = {
	SPOTIFY_CLIENT_ID: 'id',
	SPOTIFY_CLIENT_SECRET: 'secret',
	DISCORD_TOKEN: 'token',
	DISCORD_CLIENT_ID: '123456789012345678',
	SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:8888/callback',
	TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
	try {
		loadBotConfig({ ...BOT_ENV, ...env });
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

let discord: DiscordStandin | undefined;
afterEach(async () => {
	vi.unstubAllEnvs();
	await discord?.close();
	discord = undefined;
});

describe('SHARD_COUNT and SHARDS', () => {
	it('default to every shard Discord recommends; SHARDS picks some of SHARD_COUNT', () => {
		expect(loadBotConfig(BOT_ENV).sharding).toEqual({ count: 'auto', ids: undefined });
		expect(loadBotConfig({ ...BOT_ENV, SHARD_COUNT: '4', SHARDS: '[2, 3]' }).sharding).toEqual({
			count: 4,
			ids: [2, 3],
		});
		// As a ShardingManager sets them for each shard.
		expect(loadBotConfig({ ...BOT_ENV, SHARD_COUNT: '2', SHARDS: '1' }).sharding).toEqual({ count: 2, ids: [1] });
	});

	it('name what is wrong', () => {
		expect(problemsOf({ SHARD_COUNT: '0' })).toEqual([expect.stringMatching(/^SHARD_COUNT must be auto or a whole/)]);
		expect(problemsOf({ SHARD_COUNT: 'two' })).toEqual([expect.stringMatching(/^SHARD_COUNT must be auto/)]);
		expect(problemsOf({ SHARDS: 'first' })).toEqual([expect.stringMatching(/^SHARDS must be shard ids like 0/)]);
		expect(problemsOf({ SHARDS: '0' })).toEqual([expect.stringMatching(/^SHARDS must be ids below a numeric/)]);
		expect(problemsOf({ SHARD_COUNT: '2', SHARDS: '0,2' })).toEqual([
			expect.stringMatching(/^SHARDS must be ids below a numeric/),
		]);
	});

	it('reach discord.js as explicit options, so its own unchecked reading of the environment never applies', () => {
		vi.stubEnv('SHARD_COUNT', 'auto');
		vi.stubEnv('SHARDS', '[5]');
		const optionsOf = (sharding: Parameters<typeof getClientShards>[0]) => {
			const client = new Client({ intents: [], ...getClientShards(sharding) });
			const { shards, shardCount } = client.options;
			void client.destroy();
			return { shards, shardCount };
		};
		expect(optionsOf({ count: 'auto', ids: undefined })).toMatchObject({ shards: 'auto' });
		expect(optionsOf({ count: 3, ids: undefined })).toEqual({ shards: [0, 1, 2], shardCount: 3 });
		expect(optionsOf({ count: 4, ids: [2, 3] })).toEqual({ shards: [2, 3], shardCount: 4 });
	});
});

describe('the recommended shard count', () => {
	it('comes from GET /gateway/bot on DISCORD_API_URL, with the bot token', async () => {
		discord = await startDiscordStandin();
		expect(await fetchRecommendedShardCount({ apiUrl: discord.apiUrl, token: discord.token })).toBe(1);
		const request = discord.requests.find((candidate) => candidate.path === '/gateway/bot');
		expect(request?.status).toBe(200);
		await expect(fetchRecommendedShardCount({ apiUrl: discord.apiUrl, token: 'wrong' })).rejects.toThrow(
			'Discord rejected DISCORD_TOKEN',
		);
	});
});
