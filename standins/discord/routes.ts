import type { InteractionCallbacks } from './callbacks.js';
import type { CommandStore } from './commands.js';
import type { DiscordContext } from './context.js';
import { discordError, json, type Reply } from './http.js';
import { isObject } from './json.js';
import type { MessageStore } from './messages.js';
import { buildApplication } from './objects.js';
import { MESSAGE_RULES, route, type Route, type RouteContext } from './routing.js';
import type { InteractionWebhooks } from './webhooks.js';

// The whole REST route table, in match order, gathered from the parts that own each resource; the few routes
// that own nothing (gateway discovery, @me, channel posts) are answered here.

export interface RouteOwners {
	standin: DiscordContext;
	commands: CommandStore;
	callbacks: InteractionCallbacks;
	webhooks: InteractionWebhooks;
	messages: MessageStore;
}

export function buildRoutes(owners: RouteOwners): Route[] {
	const { standin } = owners;
	const sessionStartLimit = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 };
	return [
		route('GET', '/gateway', 'none', () => json(200, { url: standin.gatewayUrl })),
		route('GET', '/gateway/bot', 'bot', () =>
			json(200, { url: standin.gatewayUrl, shards: 1, session_start_limit: sessionStartLimit }),
		),
		route('GET', '/users/@me', 'bot', () => json(200, standin.botUser)),
		route('GET', '/applications/@me', 'bot', () => json(200, buildApplication(standin))),
		route('GET', '/oauth2/applications/@me', 'bot', () => json(200, buildApplication(standin))),
		...owners.commands.routes('/applications/:app/commands'),
		...owners.commands.routes('/applications/:app/guilds/:guild/commands'),
		...owners.callbacks.routes(),
		...owners.webhooks.routes(),
		route(
			'POST',
			'/channels/:channel/messages',
			'bot',
			(context) => postChannelMessage(owners, context),
			MESSAGE_RULES,
		),
	];
}

function postChannelMessage({ standin, messages }: RouteOwners, context: RouteContext): Reply {
	const guild = standin.guilds.find((candidate) => candidate.channelId === context.params[0]);
	if (!guild) return discordError(404, 'Unknown Channel', 10003);
	const body = isObject(context.body) ? context.body : {};
	return json(
		200,
		messages.storeMessage({
			...messages.baseMessage(guild.channelId, guild.id, 0),
			...messages.messageContent(body, context.record.files),
		}),
	);
}
