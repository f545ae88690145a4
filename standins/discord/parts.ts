import { createServer, type Server } from 'node:http';
import { InteractionCallbacks } from './callbacks.js';
import { CommandInteractions } from './commandInteractions.js';
import { CommandStore } from './commands.js';
import type { DiscordContext } from './context.js';
import { RateLimiter } from './faults.js';
import { Gateway } from './gateway.js';
import { InteractionDispatcher } from './interactions.js';
import { MessageStore } from './messages.js';
import { ModalSubmits } from './modalSubmit.js';
import { RequestHandler } from './requests.js';
import { buildRoutes } from './routes.js';
import { DEFAULT_DISCORD_SPEC_PATH, loadDiscordSpec } from './specSchema.js';
import { TargetMessages } from './targetMessages.js';
import type { DiscordStandinOptions } from './types.js';
import { BodyValidator } from './validation.js';
import { InteractionWebhooks } from './webhooks.js';

// The Discord stand-in's parts, built around one HTTP server (REST + gateway on one port) and wired to each other;
// server.ts holds them and exposes them as the DiscordStandin tests see.

export interface StandinParts {
	server: Server;
	gateway: Gateway;
	validator: BodyValidator;
	rateLimits: RateLimiter;
	commands: CommandStore;
	messages: MessageStore;
	dispatcher: InteractionDispatcher;
	commandInteractions: CommandInteractions;
	modalSubmits: ModalSubmits;
	requestHandler: RequestHandler;
}

export function buildParts(standin: DiscordContext, options: DiscordStandinOptions): StandinParts {
	const validator = new BodyValidator(loadDiscordSpec(options.specPath ?? DEFAULT_DISCORD_SPEC_PATH));
	const rateLimits = new RateLimiter();
	const commands = new CommandStore(standin);
	const messages = new MessageStore(standin);
	const targets = new TargetMessages(standin, messages);
	// Requests arrive only once listening, by when the handler below exists.
	const server = createServer((request, response) => void requestHandler.onRequest(request, response));
	const gateway = new Gateway(standin, server, options.heartbeatIntervalMs ?? 41_250);
	const dispatcher = new InteractionDispatcher(standin, { deliver: gateway.deliver.bind(gateway), messages });
	const shared = { interactions: dispatcher.interactions, messages };
	const callbackWindowMs = options.callbackWindowMs ?? 3000;
	const routes = buildRoutes({
		standin,
		commands,
		callbacks: new InteractionCallbacks(standin, { ...shared, validator, callbackWindowMs }),
		webhooks: new InteractionWebhooks(standin, shared),
		messages,
	});
	const requestHandler = new RequestHandler(standin, {
		routes,
		interactions: dispatcher.interactions,
		validator,
		rateLimits,
		serveFile: (method, path) => targets.serve(method, path),
	});
	return {
		server,
		gateway,
		validator,
		rateLimits,
		commands,
		messages,
		dispatcher,
		commandInteractions: new CommandInteractions(standin, { dispatcher, commands, targets }),
		modalSubmits: new ModalSubmits({ dispatcher, messages }),
		requestHandler,
	};
}
