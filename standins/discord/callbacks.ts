import type { DiscordContext } from './context.js';
import type { FormProblem } from './formProblems.js';
import { json, UNKNOWN_INTERACTION, discordError, type Reply } from './http.js';
import type { StandinInteraction } from './interactionHandle.js';
import { isObject, type Json } from './json.js';
import { EPHEMERAL, LOADING, type MessageStore } from './messages.js';
import { CALLBACK_RULES, route, type Route, type RouteContext } from './routing.js';
import type { CallbackBody, RecordedRequest, StandinMessage, StandinModal } from './types.js';
import type { BodyValidator } from './validation.js';

// The first answer to an interaction (POST /interactions/:id/:token/callback), held to Discord's rules: once only,
// within the callback window, and with a callback type that fits the interaction type.

export interface CallbackDeps {
	interactions: StandinInteraction[];
	messages: MessageStore;
	validator: BodyValidator;
	/** Time allowed for the first response to an interaction. */
	callbackWindowMs: number;
}

const ALLOWED_CALLBACKS: Record<number, number[]> = {
	1: [1],
	2: [4, 5, 9, 12],
	3: [4, 5, 6, 7, 9, 12],
	4: [8],
	5: [4, 5, 6, 7],
};

// Modal submits may update or defer-update a message only when the modal was opened from a component on it
// ("only valid for component-based interactions"); Discord then includes that message in the submit.
function invalidCallbackType(interaction: StandinInteraction, callbackType: number): FormProblem | undefined {
	const allowed = ALLOWED_CALLBACKS[interaction.type]?.includes(callbackType) ?? false;
	const needsMessage = interaction.type === 5 && (callbackType === 6 || callbackType === 7);
	if (allowed && !(needsMessage && !interaction.sourceMessage)) return undefined;
	const why = needsMessage ? ' (the modal was not opened from a message component)' : '';
	return {
		at: ['type'],
		code: 'INTERACTION_CALLBACK_TYPE_INVALID',
		message: `Callback type ${callbackType} is not valid for interaction type ${interaction.type}${why}`,
	};
}

export class InteractionCallbacks {
	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: CallbackDeps,
	) {}

	routes(): Route[] {
		return [
			route(
				'POST',
				'/interactions/:id/:token/callback',
				'token',
				(context) => this.onCallback(context),
				CALLBACK_RULES,
			),
		];
	}

	private handleOf(id: string | undefined, token: string | undefined): StandinInteraction | undefined {
		return this.deps.interactions.find((interaction) => interaction.id === id && interaction.token === token);
	}

	private onCallback(context: RouteContext): Reply {
		const [id, token] = context.params;
		const interaction = this.handleOf(id, token);
		if (!interaction) return UNKNOWN_INTERACTION;
		// Discord drops interactions that were not answered in time (3 s), and tokens after 15 minutes.
		if (this.standin.clock.now() - interaction.createdAt > this.deps.callbackWindowMs) return UNKNOWN_INTERACTION;
		if (interaction.callbacks.length > 0) return discordError(400, 'Interaction has already been acknowledged.', 40060);
		if (!isObject(context.body))
			return this.deps.validator.reject(context.record, [
				{ at: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
			]);
		const body = context.body as unknown as CallbackBody;
		const invalid = invalidCallbackType(interaction, body.type);
		if (invalid) return this.deps.validator.reject(context.record, [invalid]);
		interaction.callbacks.push(body);
		interaction.respondedAt = performance.now();
		const message = this.applyCallback(interaction, body, context.record.files);
		if (context.query.get('with_response') !== 'true') return { status: 204 };
		return json(200, this.buildCallbackResponse(interaction, body, message));
	}

	private applyCallback(
		interaction: StandinInteraction,
		body: CallbackBody,
		files: RecordedRequest['files'],
	): StandinMessage | undefined {
		const data = body.data ?? {};
		switch (body.type) {
			case 4:
				interaction.message = this.deps.messages.createMessage(interaction, data, files);
				return interaction.message;
			case 5:
				interaction.message = this.deps.messages.createMessage(
					interaction,
					{ flags: (Number(data.flags ?? 0) & EPHEMERAL) | LOADING },
					[],
				);
				return interaction.message;
			case 6:
			case 7:
				interaction.message = interaction.sourceMessage
					? this.deps.messages.messages.get(interaction.sourceMessage.id)
					: undefined;
				if (interaction.message && body.type === 7) this.deps.messages.applyEdit(interaction.message, data, files);
				return interaction.message;
			case 8:
				interaction.choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
				return undefined;
			case 9:
				interaction.modal = structuredClone(data) as unknown as StandinModal;
				return undefined;
			default:
				return undefined;
		}
	}

	private buildCallbackResponse(interaction: StandinInteraction, body: CallbackBody, message?: StandinMessage): Json {
		const summary: Json = { id: interaction.id, type: interaction.type };
		if (message) {
			Object.assign(summary, {
				response_message_id: message.id,
				response_message_loading: (message.flags & LOADING) !== 0,
				response_message_ephemeral: (message.flags & EPHEMERAL) !== 0,
			});
		}
		return { interaction: summary, resource: { type: body.type, ...(message ? { message } : {}) } };
	}
}
