import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, Status, type Interaction } from 'discord.js';
import { BUTTONS, COMMANDS } from './commands/index.js';
import { registerCommands } from './commands/registerCommands.js';
import type { BotContext } from './commands/types.js';
import type { BotConfig } from './config.js';
import { getClientShards } from './discord/clientShards.js';
import { createInteractionHandler } from './interactions.js';
import { createLogger, type Logger } from './log.js';
import { createCallbackServer, listen } from './oauth/callbackServer.js';
import { createOAuthApp } from './oauth/createOAuthApp.js';
import { createLinkingServices } from './services/createLinkingServices.js';
import { createPipelineServices } from './services/createPipelineServices.js';
import { createDrafts } from './services/drafts.js';
import type { SpotifyRequestPolicy } from './services/spotifyRequest.js';
import { createStore } from './services/store.js';

export interface StartOptions {
	logger?: Logger;
	spotifyPolicy?: SpotifyRequestPolicy;
	progressIntervalMs?: number;
	/** How long stop() lets running interactions finish before telling their users it restarts. */
	shutdownGraceMs?: number;
	/** false: no OAuth callback server, as in a shard whose manager serves it. Default true. */
	http?: boolean;
}

export interface App {
	client: Client<true>;
	/** Where the OAuth callback server listens, e.g. http://127.0.0.1:8888; undefined with `http: false`. */
	httpUrl: string | undefined;
	stop(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const RESTARTING_NOTE = '🔄 The bot is restarting right now. Please try again in a minute.';

/** Tracks running interactions, so stop() can let them finish or tell their users. */
function createInFlight() {
	const running = new Map<Interaction, Promise<void>>();
	return {
		track(interaction: Interaction, work: Promise<void>) {
			running.set(interaction, work);
			void work.finally(() => running.delete(interaction));
		},
		/** Waits up to `graceMs` for the running interactions and `alsoWaitFor`, then tells who is left. */
		async settle(graceMs: number, logger: Logger, alsoWaitFor: Promise<unknown>) {
			const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
			await Promise.race([Promise.all([Promise.allSettled(running.values()), alsoWaitFor]), timeout]);
			await Promise.allSettled(
				[...running.keys()].map(async (interaction) => {
					if (!interaction.isRepliable()) return;
					logger.warn({ interactionId: interaction.id }, 'interaction still running at shutdown; telling the user');
					const note = {
						content: RESTARTING_NOTE,
						flags: MessageFlags.Ephemeral,
						allowedMentions: { parse: [] },
					} as const;
					// A deferred reply of a command would stay stuck on its progress text: replace that text instead.
					if (interaction.isChatInputCommand() && interaction.deferred) {
						await interaction.editReply({
							content: RESTARTING_NOTE,
							embeds: [],
							components: [],
							allowedMentions: { parse: [] },
						});
						return;
					}
					await (interaction.deferred || interaction.replied ? interaction.followUp(note) : interaction.reply(note));
				}),
			);
		},
	};
}

/** Builds logger → store → services → Discord client, logs in, and returns stop(). */
export async function start(config: BotConfig, options: StartOptions = {}): Promise<App> {
	const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	const store = await createStore(config.databaseUrl);
	const purge = setInterval(
		() => void store.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, 'purge failed')),
		PURGE_INTERVAL_MS,
	).unref();
	// The store's slots hold OLLAMA_CONCURRENCY per host across every process sharing it (shards, instances).
	const { pipeline, llm } = createPipelineServices({
		config,
		store,
		logger,
		spotifyPolicy: options.spotifyPolicy,
	});
	const { linking, saver } = createLinkingServices({ config, store, logger, policy: options.spotifyPolicy });
	const ctx: BotContext = {
		logger: logger.child({ module: 'interactions' }),
		pipeline,
		drafts: createDrafts(store),
		linking,
		saver,
		activeUsers: new Set(),
		progressIntervalMs: options.progressIntervalMs ?? 1_000,
	};
	const inFlight = createInFlight();
	const handle = createInteractionHandler(ctx, COMMANDS, BUTTONS);
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		// Interaction callbacks and webhook edits are exempt from Discord's global limit of 50 requests a second,
		// but discord.js counts them against it and would stall busy moments; the bot's other calls are rare.
		rest: { api: config.discord.apiUrl, timeout: 15_000, globalRequestsPerSecond: 500 },
		allowedMentions: { parse: [] },
		...getClientShards(config.sharding),
	});
	client.on(Events.InteractionCreate, (interaction) => inFlight.track(interaction, handle(interaction)));
	client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
	// discord.js emits ShardDisconnect only when it gives up; ordinary drops show as reconnecting.
	client.on(Events.ShardReconnecting, () => logger.warn('gateway connection lost; reconnecting'));
	client.on(Events.ShardDisconnect, (event) => logger.error({ code: event.code }, 'gateway disconnected for good'));
	client.on(Events.ShardResume, () => logger.info('gateway resumed'));

	const oauthApp = createOAuthApp({
		linking,
		redirectUri: config.spotify.redirectUri,
		logger: logger.child({ module: 'oauth' }),
		health: async () => ({
			gateway: client.ws.status === Status.Ready,
			store: await store.ping(),
			ollama: await llm.ping(),
			ollamaHosts: llm.hostStates(),
		}),
		storeKind: store.kind,
	});
	const callback = options.http === false ? undefined : createCallbackServer(oauthApp);
	let httpUrl: string | undefined;
	const ready = once(client, Events.ClientReady);
	try {
		if (callback) httpUrl = await listen(callback.server, config.http.host, config.http.port);
		await client.login(config.discord.token);
		await ready;
	} catch (error) {
		clearInterval(purge);
		callback?.server.close();
		await client.destroy();
		await store.close();
		throw error;
	}
	const result = await registerCommands(
		client.rest,
		config.discord,
		COMMANDS.map((command) => command.data),
	).catch((error: unknown) => {
		logger.error({ err: error }, 'could not register slash commands; run `npm run deploy:commands`');
		return 'failed';
	});
	logger.info({ user: client.user?.tag, commands: result, guildId: config.discord.guildId }, 'bot is ready');

	return {
		client: client as Client<true>,
		httpUrl,
		async stop() {
			clearInterval(purge);
			// No new callbacks, but one running (a user in the middle of linking) gets the grace period too: cut off,
			// it would have used up the user's one-time state and code for nothing.
			const httpClosed = callback?.drain() ?? Promise.resolve();
			await inFlight.settle(options.shutdownGraceMs ?? 3_500, logger, httpClosed);
			await client.destroy();
			callback?.server.closeAllConnections();
			await httpClosed;
			await store.close();
			logger.info('stopped');
		},
	};
}
