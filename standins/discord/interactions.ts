import { randomBytes } from 'node:crypto';
import type { DiscordContext } from './context.js';
import { flattenComponents } from './componentLimits.js';
import { StandinInteraction } from './interactionHandle.js';
import { asArray, isObject, type Json } from './json.js';
import type { MessageStore } from './messages.js';
import { BOT_PERMISSIONS, buildChannel, buildMember, buildUser } from './objects.js';
import type { ComponentInput, InteractionHandle, InteractionInput, StandinMessage } from './types.js';

// What a user does, sent over the gateway as INTERACTION_CREATE: any interaction, and button clicks and select
// choices shaped from the clicked message, so a bad test input fails here, not in the bot. Commands are built in
// commandInteractions.ts, modal submits in modalSubmit.ts; both dispatch through sendInteraction.

export interface InteractionDeps {
	/** Sends a gateway dispatch to the sessions serving the guild. */
	deliver: (guildId: string, t: string, d: Json) => void;
	messages: MessageStore;
}

export class InteractionDispatcher {
	readonly interactions: StandinInteraction[] = [];

	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: InteractionDeps,
	) {}

	/** `trigger`: for a modal submit, the interaction the bot answered with the modal. */
	sendInteraction(input: InteractionInput, trigger?: StandinInteraction): InteractionHandle {
		const createdAt = input.createdAt === undefined ? this.standin.clock.now() : Number(input.createdAt);
		const guildId = input.guildId ?? input.message?.guild_id ?? this.standin.guilds[0]?.id ?? '0';
		const channelId = input.channelId ?? input.message?.channel_id ?? this.channelOf(guildId);
		const user = buildUser(input.userId ?? '1300000000000000500', input.username ?? 'tester');
		const payload: Json = {
			id: this.standin.clock.snowflake(createdAt),
			application_id: this.standin.applicationId,
			type: input.type,
			data: input.data,
			guild_id: guildId,
			guild: { id: guildId, locale: 'en-US', features: [] },
			channel_id: channelId,
			channel: { ...buildChannel(channelId, guildId), permissions: BOT_PERMISSIONS },
			member: buildMember(user, this.standin.clock.now(), input.permissions ?? '0'),
			token: randomBytes(48).toString('base64url'),
			version: 1,
			app_permissions: BOT_PERMISSIONS,
			locale: input.locale ?? 'en-US',
			guild_locale: 'en-US',
			entitlements: [],
			authorizing_integration_owners: { '0': guildId },
			context: 0,
			attachment_size_limit: 10_485_760,
			...(input.message ? { message: input.message } : {}),
		};
		this.deps.deliver(guildId, 'INTERACTION_CREATE', payload);
		const interaction = new StandinInteraction(payload, createdAt, input.message, trigger);
		this.interactions.push(interaction);
		return interaction;
	}

	sendButton(input: ComponentInput): InteractionHandle {
		const { message, component } = this.clicked(input, 2);
		return this.dispatchComponent(input, message, { custom_id: input.customId, component_type: component.type });
	}

	/** A user's choice in a string select: the values must be among its options, as many as it allows. */
	sendSelect(input: ComponentInput & { values: string[] }): InteractionHandle {
		const { message, component } = this.clicked(input, 3);
		checkChosenValues(component, input.values);
		const data = { custom_id: input.customId, component_type: 3, values: [...input.values] };
		return this.dispatchComponent(input, message, data);
	}

	/** The message and the component a user acts on; throws when no user could act on it. */
	private clicked(input: ComponentInput, expectedType: number): { message: StandinMessage; component: Json } {
		const store = this.deps.messages;
		const message = input.message ? (store.messages.get(input.message.id) ?? input.message) : store.lastMessage;
		if (!message) throw new Error('sendButton/sendSelect: the bot has produced no message yet; pass `message`');
		store.messages.set(message.id, message);
		const components = flattenComponents(message.components).map(({ component }) => component);
		const component = components.find((candidate) => candidate.custom_id === input.customId);
		if (!component) {
			const ids = components.map((candidate) => candidate.custom_id).filter(Boolean);
			throw new Error(
				`Message ${message.id} has no component with custom_id "${input.customId}" (has: ${ids.join(', ') || 'none'})`,
			);
		}
		if (component.type !== expectedType)
			throw new Error(`Component "${input.customId}" has type ${String(component.type)}, not ${expectedType}`);
		if (component.disabled === true)
			throw new Error(`Component "${input.customId}" is disabled: users cannot click it`);
		return { message, component };
	}

	private dispatchComponent(input: ComponentInput, message: StandinMessage, data: Json): InteractionHandle {
		return this.sendInteraction({
			...input,
			type: 3,
			data,
			message: structuredClone(message),
			guildId: message.guild_id,
			channelId: message.channel_id,
		});
	}

	private channelOf(guildId: string): string {
		return (
			this.standin.guilds.find((guild) => guild.id === guildId)?.channelId ?? this.standin.guilds[0]?.channelId ?? '0'
		);
	}
}

/** What Discord's client lets a user pick: option values only, each once, between min_values and max_values. */
function checkChosenValues(select: Json, values: string[]): void {
	const options = asArray(select.options).filter(isObject);
	const known = options.map((option) => String(option.value));
	const unknown = values.filter((value) => !known.includes(value));
	if (unknown.length > 0)
		throw new Error(
			`Select "${String(select.custom_id)}" has no option ${unknown.map((value) => `"${value}"`).join(', ')} (has: ${known.join(', ')})`,
		);
	if (new Set(values).size !== values.length)
		throw new Error(`Select "${String(select.custom_id)}": a value can be chosen once only (${values.join(', ')})`);
	const min = typeof select.min_values === 'number' ? select.min_values : 1;
	const max = typeof select.max_values === 'number' ? select.max_values : 1;
	if (values.length < min || values.length > max)
		throw new Error(`Select "${String(select.custom_id)}" takes ${min}–${max} values, not ${values.length}`);
}
