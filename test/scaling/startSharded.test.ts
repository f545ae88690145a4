import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabaseUrl } from '../../standins/upstreams.js';
import type { BotProcess } from '../resilience/botProcess.js';
import { finalContent } from '../resilience/processEnv.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { npmScriptNodeFlags } from '../../standins/npmScriptFlags.js';
import { childCommandLines, spawnManager } from './managerProcess.js';
import { SHARD_GUILDS } from '../../standins/guilds.js';
import { startShardedWorld, type ShardedWorld } from './shardedWorld.js';

// `npm run start:sharded`: the ShardingManager spawns one process per shard, and serves the OAuth callback itself.

let world: ShardedWorld | undefined;
let manager: BotProcess | undefined;
afterEach(async () => {
	manager?.kill('SIGKILL');
	await manager?.exited;
	await world?.close();
	manager = undefined;
	world = undefined;
});

const ALICE = '500000000000000001';

/** Starts the manager on a port the OS picks; once it says all shards are ready, returns where it listens. */
async function startManager(current: ShardedWorld, shardCount: string, readyWithinMs: number): Promise<string> {
	manager = spawnManager({
		...current.env,
		SHARD_COUNT: shardCount,
		HTTP_PORT: '0',
		SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback',
		DATABASE_URL: tempDatabaseUrl(),
	});
	const ready = await manager.waitForLog((line) => line.msg === 'all shards are ready', readyWithinMs);
	return String(ready.httpUrl);
}

const health = (httpUrl: string) =>
	fetch(`${httpUrl}/healthz`).then(
		async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }),
		() => ({ status: 0, body: {} }),
	);

/** The shard ids of the process that logged handling this interaction (logged just after its last answer). */
async function handledBy(handle: InteractionHandle): Promise<unknown> {
	const line = await manager?.waitForLog(
		(candidate) => candidate.msg === 'interaction handled' && candidate.interactionId === handle.id,
		5_000,
	);
	return line?.shards;
}

describe('npm run start:sharded', () => {
	it('SHARD_COUNT=2: two shard processes, [0,2] and [1,2], each serving its guild; one callback server', async () => {
		world = await startShardedWorld();
		// Shard 1 starts 5.5 s after shard 0, as Discord allows one IDENTIFY per 5 s.
		const httpUrl = await startManager(world, '2', 30_000);
		expect(await health(httpUrl)).toEqual({
			status: 200,
			body: {
				ok: true,
				gateway: true,
				store: true,
				storeKind: 'sqlite',
				ollama: true,
				ollamaHosts: world.ollamas.map((ollama) => ({ host: ollama.url, healthy: true, inFlight: 0, downUntil: null })),
			},
		});
		expect(world.discord.identifies.map((identify) => identify.shard).sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		// The shards run with the heap flags npm's start:sharded gives the manager.
		const heapFlags = npmScriptNodeFlags('start:sharded');
		expect(heapFlags).toContain('--max-semi-space-size=4');
		const shards = childCommandLines(manager!.child.pid!).filter((args) =>
			args.some((arg) => arg.endsWith('shard.ts')),
		);
		expect(shards).toHaveLength(2);
		for (const args of shards) expect(args).toEqual(expect.arrayContaining(heapFlags));

		// Linking begun in shard 0's guild ends at the manager's callback; a playlist made in shard 1's guild is saved
		// from shard 0's.
		expect((await world.link(ALICE, { guildId: SHARD_GUILDS[0], spotifyUser: 'alice' })).status).toBe(200);
		const playlist = world.makePlaylist(ALICE, { guildId: SHARD_GUILDS[1], prompt: 'calm jazz evening', length: 8 });
		await playlist.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
		const save = world.clickSave(playlist, ALICE, SHARD_GUILDS[0]);
		await save.waitFor((h) => h.edits.length > 0, 20_000);
		expect(finalContent(save)).toBe('Saved as a private playlist with 8 tracks.');
		expect(await handledBy(playlist)).toEqual([1]);
		expect(await handledBy(save)).toEqual([0]);

		// SIGTERM stops the shards first, then the manager: three "stopped" lines, exit 0.
		const signalled = performance.now();
		manager?.kill('SIGTERM');
		const exit = await manager!.exited;
		expect(exit.code).toBe(0);
		expect(exit.at - signalled).toBeLessThan(5_000);
		expect(manager?.logs().filter((line) => line.msg === 'stopped')).toHaveLength(3);
		expect(world.discord.violations).toEqual([]);
	}, 45_000);

	it('SHARD_COUNT=auto asks DISCORD_API_URL for the count, not discord.com', async () => {
		world = await startShardedWorld();
		const httpUrl = await startManager(world, 'auto', 20_000);
		expect((await health(httpUrl)).status).toBe(200);
		// The stand-in recommends one shard; asking discord.com instead would fail here, with no network.
		expect(world.discord.identifies.map((identify) => identify.shard)).toEqual([[0, 1]]);
	});
});
