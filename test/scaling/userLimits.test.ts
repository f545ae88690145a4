import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_AVAILABLE, startRedis, type RedisServer } from '../../standins/redis.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { SHARD_GUILDS } from '../../standins/guilds.js';
import type { BotProcess } from '../resilience/botProcess.js';
import { endedReply } from '../resilience/expectReply.js';
import { startShardedWorld, type ShardedWorld } from './shardedWorld.js';

// One user's limits hold across shards: two instances, each running one of two shards, on one Redis. The same user
// in a guild of each shard reaches both processes, which share nothing but the store.

const ALICE = '510000000000000001';
const BOB = '510000000000000002';
const PLAYLISTS_PER_HOUR = 2;

let redis: RedisServer | undefined;
let world: ShardedWorld | undefined;
let instances: BotProcess[] = [];

async function ended(handle: InteractionHandle) {
	await handle.waitFor((h) => endedReply(h) !== null, 20_000);
	return endedReply(handle)!;
}

/** Resolves once the process that got the interaction is done with it (its claims released), as it logs. */
function handled(handle: InteractionHandle): Promise<unknown> {
	const done = (line: { msg: string; interactionId?: unknown }) =>
		line.msg === 'interaction handled' && line.interactionId === handle.id;
	return Promise.any(instances.map((instance) => instance.waitForLog(done, 20_000)));
}

/** The text of a refusal, sent as the ephemeral first answer instead of the deferred playlist. */
function refusal(handle: InteractionHandle): string | undefined {
	const first = handle.callbacks[0];
	return first?.type === 4 ? (first.data as { content?: string }).content : undefined;
}

describe.skipIf(!REDIS_AVAILABLE)('one user across two shard processes on one Redis', () => {
	beforeAll(async () => {
		redis = await startRedis();
		world = await startShardedWorld();
		// Nobody links here: each instance's callback server takes a port the OS picks.
		const shared = {
			DATABASE_URL: redis.url,
			SHARD_COUNT: '2',
			USER_PLAYLISTS_PER_HOUR: String(PLAYLISTS_PER_HOUR),
			HTTP_PORT: '0',
			SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback',
		};
		instances = [world.spawnInstance({ ...shared, SHARDS: '0' }), world.spawnInstance({ ...shared, SHARDS: '1' })];
		await Promise.all(instances.map((instance) => instance.ready(30_000)));
	}, 40_000);

	afterAll(async () => {
		await world?.close();
		await redis?.stop();
	});

	it('runs one /playlist per user at a time, even when the two reach different processes', async () => {
		world!.upstreams.ollama.setLatency({ firstTokenMs: 600 });
		const [first, second] = SHARD_GUILDS.map((guildId, index) =>
			world!.makePlaylist(BOB, { guildId, prompt: `night drive synthwave ${index}`, length: 5 }),
		);
		await Promise.all([first!.waitForCallback(), second!.waitForCallback()]);
		const refused = [first!, second!].filter((handle) => refusal(handle) !== undefined);
		expect(refused).toHaveLength(1);
		expect(refusal(refused[0]!)).toContain('already have a playlist in the making');
		const made = [first!, second!].find((handle) => refusal(handle) === undefined)!;
		expect((await ended(made)).kind).toBe('playlist');
		world!.upstreams.ollama.setLatency({ firstTokenMs: 0 });
	});

	it('counts USER_PLAYLISTS_PER_HOUR over both processes and says when the next one is possible', async () => {
		for (const [index, guildId] of SHARD_GUILDS.entries()) {
			const handle = world!.makePlaylist(ALICE, { guildId, prompt: `cozy autumn folk ${index}`, length: 5 });
			const reply = await ended(handle);
			expect(reply.content).toBe('');
			expect(reply.kind).toBe('playlist');
			await handled(handle);
		}
		const third = world!.makePlaylist(ALICE, { guildId: SHARD_GUILDS[0], prompt: 'cozy autumn folk 2', length: 5 });
		await third.waitForCallback();
		expect(refusal(third)).toMatch(
			/You've made 2 playlists in the last hour; you can make another in (59|60) minutes\./,
		);
		expect((third.callbacks[0]?.data as { flags?: number }).flags).toBe(64);
	});
});
