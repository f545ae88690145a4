import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import type { BotConfig } from './config.js';
import { createServices } from './wiring/createServices.js';
import { fetchRecommendedShardCount } from './discord/recommendedShardCount.js';
import { createLogger, type Logger } from './log.js';
import { createCallbackServer, listen, listenOnPickedPort } from './oauth/callbackServer.js';

// The sharding manager: one child process per shard (src/shard.ts), and the OAuth callback server once. Linking
// state lives in the store, so this server finishes links begun in any shard, or in another instance.

// Run as TypeScript (`node --import tsx src/startSharded.ts`, as the tests do), the shards need tsx too; built,
// they run dist/shard.js as plain JavaScript.
const RUNS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const SHARD_FILE = fileURLToPath(new URL(RUNS_TYPESCRIPT ? './shard.ts' : './shard.js', import.meta.url));
// Shards get the manager's heap sizing (npm's start:sharded sets a small young generation to keep RSS down).
const HEAP_FLAGS = process.execArgv.filter((flag) => /^--max-(semi|old)-space-size=/.test(flag));
const SHARD_EXEC_ARGV = [...(RUNS_TYPESCRIPT ? ['--import', 'tsx'] : []), ...HEAP_FLAGS];
// A shard logs in within seconds; this is for a stalled one.
const SHARD_READY_TIMEOUT_MS = 60_000;

export interface ShardManagerApp {
	manager: ShardingManager;
	/** Where the OAuth callback server listens, e.g. http://127.0.0.1:8888. */
	httpUrl: string;
	stop(): Promise<void>;
}

function watchShards(manager: ShardingManager, logger: Logger): void {
	manager.on('shardCreate', (shard) => {
		const log = logger.child({ shard: shard.id });
		shard.on('ready', () => log.info('shard ready'));
		// While stopping, every shard reconnects on its way out: not worth a warning.
		shard.on('reconnecting', () => {
			if (manager.respawn) log.warn('shard reconnecting');
		});
		shard.on('death', () => {
			if (manager.respawn) log.error('shard process exited; starting it again');
		});
		// A respawned shard that fails to become ready reports here; unheard, the event would end the manager.
		shard.on('error', (error) => log.error({ err: error }, 'shard failed'));
	});
}

/** SIGTERMs every shard process (no respawn) and waits until they exited; each exits within 5 s. */
async function stopShards(manager: ShardingManager): Promise<void> {
	manager.respawn = false;
	await Promise.all(
		manager.shards.map(async (shard) => {
			const child = shard.process;
			if (!child || child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		}),
	);
}

/** The manager of discord.js for SHARD_COUNT and SHARDS, with the manager's heap flags for its shards. */
async function createManager(
	config: BotConfig,
	logger: Logger,
): Promise<{ manager: ShardingManager; expected: number }> {
	const { count = 'auto', ids } = config.sharding ?? {};
	const totalShards = count === 'auto' ? await fetchRecommendedShardCount(config.discord) : count;
	const manager = new ShardingManager(SHARD_FILE, {
		token: config.discord.token,
		totalShards,
		shardList: ids ?? 'auto',
		mode: 'process',
		execArgv: SHARD_EXEC_ARGV,
	});
	watchShards(manager, logger.child({ module: 'shards' }));
	return { manager, expected: ids?.length ?? totalShards };
}

/** The shards hand out links to this callback server, so they must name the port the OS picked for it. */
function giveShardsRedirectUri(manager: ShardingManager, config: BotConfig): void {
	manager.on('shardCreate', (shard) => {
		(shard.env as NodeJS.ProcessEnv).SPOTIFY_REDIRECT_URI = config.spotify.redirectUri;
	});
}

/** The services and the callback server over them (listening already if on a port the OS picked). */
async function serveCallbacks(
	config: BotConfig,
	logger: Logger,
	{ manager, expected }: { manager: ShardingManager; expected: number },
) {
	const callback = createCallbackServer();
	const picked = await listenOnPickedPort(callback, config, logger);
	const services = await createServices(picked.config, { logger }).catch((error: unknown) => {
		callback.server.close();
		throw error;
	});
	callback.serve(
		services.createOAuthApp(() => manager.shards.size === expected && manager.shards.every((shard) => shard.ready)),
	);
	if (picked.httpUrl) giveShardsRedirectUri(manager, picked.config);
	return { callback, picked, services };
}

/** Builds the services and the callback server, spawns every shard and waits until all are ready. */
export async function startShardManager(
	config: BotConfig,
	options: { logger?: Logger } = {},
): Promise<ShardManagerApp> {
	const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	const { manager, expected } = await createManager(config, logger);
	const { callback, picked, services } = await serveCallbacks(config, logger, { manager, expected });
	let httpUrl: string;
	try {
		httpUrl = picked.httpUrl ?? (await listen(callback.server, config.http.host, config.http.port));
		// Spaced 5.5 s apart (discord.js's default), as Discord lets a bot identify once per 5 s.
		await manager.spawn({ timeout: SHARD_READY_TIMEOUT_MS });
	} catch (error) {
		await stopShards(manager);
		callback.server.close();
		await services.close();
		throw error;
	}
	logger.info(
		{ shards: [...manager.shards.keys()], totalShards: manager.totalShards, httpUrl },
		'all shards are ready',
	);

	return {
		manager,
		httpUrl,
		async stop() {
			const httpClosed = callback.drain();
			await stopShards(manager);
			callback.server.closeAllConnections();
			await httpClosed;
			await services.close();
			logger.info('stopped');
		},
	};
}
