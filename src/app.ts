import { once } from 'node:events';
import { Events, Status, type Client } from 'discord.js';
import { AUTOCOMPLETES, COMMAND_DEFINITIONS, COMMANDS, MESSAGE_COMMANDS } from './commands/index.js';
import { registerCommands } from './commands/registerCommands.js';
import { BUTTONS, MODALS, SELECTS } from './components/index.js';
import type { BotConfig } from './config.js';
import { createServices, type Services } from './wiring/createServices.js';
import { createDiscordClient } from './discord/createDiscordClient.js';
import { createInFlightInteractions } from './discord/inFlightInteractions.js';
import type { BotContext, Handlers } from './interactions/interactionTypes.js';
import { createInteractionHandler } from './interactions/router.js';
import { createLogger, type Logger } from './log.js';
import {
	createCallbackServer,
	listen,
	listenOnPickedPort,
	type CallbackServer,
	type PickedPort,
} from './oauth/callbackServer.js';
import type { SpotifyRequestPolicy } from './services/spotify/spotifyRequest.js';

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

/** Everything the router answers. */
const HANDLERS: Handlers = {
	commands: COMMANDS,
	messageCommands: MESSAGE_COMMANDS,
	autocompletes: AUTOCOMPLETES,
	buttons: BUTTONS,
	selects: SELECTS,
	modals: MODALS,
};

function createBotContext(services: Services, options: StartOptions): BotContext {
	return {
		logger: services.logger.child({ module: 'interactions' }),
		pipeline: services.pipeline,
		drafts: services.drafts,
		linking: services.linking,
		saver: services.saver,
		claims: services.store,
		limits: services.userLimits,
		userData: services.userData,
		personal: services.personal,
		progressIntervalMs: options.progressIntervalMs ?? 1_000,
	};
}

/** Opens the callback server (if any, unless open already) and logs in; on failure closes it all, and the services. */
async function connect(
	client: Client,
	callback: CallbackServer | undefined,
	{ config, httpUrl: listening }: PickedPort,
	services: Services,
): Promise<string | undefined> {
	const ready = once(client, Events.ClientReady);
	try {
		const httpUrl =
			listening ?? (callback ? await listen(callback.server, config.http.host, config.http.port) : undefined);
		await client.login(config.discord.token);
		await ready;
		return httpUrl;
	} catch (error) {
		callback?.server.close();
		await client.destroy();
		await services.close();
		throw error;
	}
}

/** Registers the slash commands; a failure is logged with the way out, and the bot runs on. */
async function registerSlashCommands(client: Client, config: BotConfig, logger: Logger): Promise<void> {
	const result = await registerCommands(client.rest, config.discord, COMMAND_DEFINITIONS).catch((error: unknown) => {
		logger.error({ err: error }, 'could not register slash commands; run `npm run deploy:commands`');
		return 'failed';
	});
	logger.info({ user: client.user?.tag, commands: result, guildId: config.discord.guildId }, 'bot is ready');
}

/** Builds the services, the Discord client and the OAuth callback server, logs in, and returns stop(). */
export async function start(config: BotConfig, options: StartOptions = {}): Promise<App> {
	const logger = options.logger ?? createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
	const callback = options.http === false ? undefined : createCallbackServer();
	const picked = await listenOnPickedPort(callback, config, logger);
	const services = await createServices(picked.config, { logger, spotifyPolicy: options.spotifyPolicy }).catch(
		(error: unknown) => {
			callback?.server.close();
			throw error;
		},
	);
	const inFlight = createInFlightInteractions();
	const handle = createInteractionHandler(createBotContext(services, options), HANDLERS);
	const client = createDiscordClient(config, logger);
	client.on(Events.InteractionCreate, (interaction) => inFlight.track(interaction, handle(interaction)));
	callback?.serve(services.createOAuthApp(() => client.ws.status === Status.Ready));
	const httpUrl = await connect(client, callback, picked, services);
	await registerSlashCommands(client, config, logger);

	return {
		client: client as Client<true>,
		httpUrl,
		async stop() {
			// No new callbacks, but one running (a user in the middle of linking) gets the grace period too: cut off,
			// it would have used up the user's one-time state and code for nothing.
			const httpClosed = callback?.drain() ?? Promise.resolve();
			await inFlight.settle(options.shutdownGraceMs ?? 3_500, logger, httpClosed);
			await client.destroy();
			callback?.server.closeAllConnections();
			await httpClosed;
			await services.close();
			logger.info('stopped');
		},
	};
}
