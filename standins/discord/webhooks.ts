import type { DiscordContext } from './context.js';
import { INVALID_WEBHOOK_TOKEN, isReply, json, UNKNOWN_MESSAGE, UNKNOWN_WEBHOOK, type Reply } from './http.js';
import { StandinInteraction } from './interactionHandle.js';
import { isObject } from './json.js';
import type { MessageStore } from './messages.js';
import { MESSAGE_RULES, route, type Route, type RouteContext } from './routing.js';
import type { StandinMessage } from './types.js';

// Everything after the first answer: the interaction's webhook (POST follow-ups; GET, PATCH, DELETE the original
// response or a follow-up), authenticated by the interaction token until it expires.

const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface WebhookDeps {
	interactions: StandinInteraction[];
	messages: MessageStore;
}

export class InteractionWebhooks {
	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: WebhookDeps,
	) {}

	routes(): Route[] {
		return [
			route('POST', '/webhooks/:app/:token', 'token', (context) => this.onFollowUp(context), MESSAGE_RULES),
			route('GET', '/webhooks/:app/:token/messages/:message', 'token', (context) => this.onGetMessage(context)),
			route(
				'PATCH',
				'/webhooks/:app/:token/messages/:message',
				'token',
				(context) => this.onEditMessage(context),
				MESSAGE_RULES,
			),
			route('DELETE', '/webhooks/:app/:token/messages/:message', 'token', (context) => this.onDeleteMessage(context)),
		];
	}

	/** Webhook routes authenticate with the interaction token; it expires 15 minutes after the interaction. */
	private webhookInteraction(context: RouteContext): StandinInteraction | Reply {
		const [app, token] = context.params;
		if (app !== this.standin.applicationId) return UNKNOWN_WEBHOOK;
		const interaction = this.deps.interactions.find((candidate) => candidate.token === token);
		if (!interaction || this.standin.clock.now() - interaction.createdAt > TOKEN_LIFETIME_MS)
			return INVALID_WEBHOOK_TOKEN;
		// Before the first callback there is no webhook to address.
		return interaction.callbacks.length === 0 ? UNKNOWN_WEBHOOK : interaction;
	}

	private targetMessage(interaction: StandinInteraction, messageId: string | undefined): StandinMessage | Reply {
		if (messageId === '@original') return interaction.message ?? UNKNOWN_MESSAGE;
		return (
			[interaction.message, ...interaction.followUpMessages].find((message) => message?.id === messageId) ??
			UNKNOWN_MESSAGE
		);
	}

	private withTarget(
		context: RouteContext,
		handle: (interaction: StandinInteraction, message: StandinMessage) => Reply,
	): Reply {
		const interaction = this.webhookInteraction(context);
		if (!(interaction instanceof StandinInteraction)) return interaction;
		const message = this.targetMessage(interaction, context.params[2]);
		return isReply(message) ? message : handle(interaction, message);
	}

	private onGetMessage(context: RouteContext): Reply {
		return this.withTarget(context, (_interaction, message) => json(200, message));
	}

	private onEditMessage(context: RouteContext): Reply {
		return this.withTarget(context, (interaction, message) => {
			const body = isObject(context.body) ? context.body : {};
			this.deps.messages.applyEdit(message, body, context.record.files);
			interaction.edits.push(body);
			return json(200, message);
		});
	}

	private onDeleteMessage(context: RouteContext): Reply {
		return this.withTarget(context, (interaction, message) => {
			this.deps.messages.messages.delete(message.id);
			if (interaction.message?.id === message.id) interaction.message = undefined;
			const index = interaction.followUpMessages.indexOf(message);
			if (index >= 0) interaction.followUpMessages.splice(index, 1);
			if (this.deps.messages.lastMessage?.id === message.id) this.deps.messages.lastMessage = undefined;
			return { status: 204 };
		});
	}

	private onFollowUp(context: RouteContext): Reply {
		const interaction = this.webhookInteraction(context);
		if (!(interaction instanceof StandinInteraction)) return interaction;
		const body = isObject(context.body) ? context.body : {};
		const message = this.deps.messages.createMessage(interaction, body, context.record.files, 0);
		interaction.followUps.push(body);
		interaction.followUpMessages.push(message);
		return context.query.get('wait') === 'true' ? json(200, message) : { status: 204 };
	}
}
