import { randomBytes } from 'node:crypto';
import type { CommandStore } from './commands.js';
import type { DiscordContext } from './context.js';
import { StandinInteraction } from './interactionHandle.js';
import { asArray, isObject, type Json } from './json.js';
import { flattenComponents } from './componentLimits.js';
import type { MessageStore } from './messages.js';
import { BOT_PERMISSIONS, buildChannel, buildMember, buildUser } from './objects.js';
import type { CommandInput, ComponentInput, InteractionHandle, InteractionInput, StandinMessage } from './types.js';

// What a user does: slash commands, button clicks and select choices, sent over the gateway as INTERACTION_CREATE
// and shaped from the registered command and the clicked message, so a bad test input fails here, not in the bot.

export interface InteractionDeps {
	/** Sends a gateway dispatch to the sessions serving the guild. */
	deliver: (guildId: string, t: string, d: Json) => void;
	commands: CommandStore;
	messages: MessageStore;
}

function inferOptionType(value: string | number | boolean): number {
	if (typeof value === 'boolean') return 5;
	if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
	return 3;
}

export class InteractionDispatcher {
	readonly interactions: StandinInteraction[] = [];

	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: InteractionDeps,
	) {}

	sendInteraction(input: InteractionInput): InteractionHandle {
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
		const interaction = new StandinInteraction(payload, createdAt, input.message);
		this.interactions.push(interaction);
		return interaction;
	}

	sendCommand(input: CommandInput): InteractionHandle {
		const guildId = input.guildId ?? this.standin.guilds[0]?.id ?? '0';
		const registered = this.deps.commands.findCommand(input.name, guildId);
		let definitions = registered ? ((registered.options ?? []) as Json[]) : undefined;
		if (input.subcommand !== undefined && definitions) {
			const sub = definitions.find((option) => option.name === input.subcommand && option.type === 1);
			if (!sub) throw new Error(`/${input.name} has no subcommand "${input.subcommand}"`);
			definitions = (sub.options ?? []) as Json[];
		}
		const resolved: Json = {};
		const options = this.buildOptions(input, definitions, resolved);
		const data: Json = {
			id: registered?.id ?? this.standin.clock.snowflake(),
			name: input.name,
			type: 1,
			options: input.subcommand === undefined ? options : [{ name: input.subcommand, type: 1, options }],
		};
		if (registered?.guild_id) data.guild_id = registered.guild_id;
		if (Object.keys(resolved).length > 0) data.resolved = resolved;
		return this.sendInteraction({ ...input, guildId, type: 2, data });
	}

	private buildOptions(input: CommandInput, definitions: Json[] | undefined, resolved: Json): Json[] {
		const given = input.options ?? {};
		for (const required of definitions?.filter((option) => option.required === true) ?? []) {
			if (!(String(required.name) in given))
				throw new Error(`/${input.name}: required option "${String(required.name)}" is missing`);
		}
		return Object.entries(given).map(([name, value]) => {
			const definition = definitions?.find((option) => option.name === name);
			if (definitions && !definition) {
				throw new Error(
					`/${input.name} has no option "${name}" (registered: ${definitions.map((option) => String(option.name)).join(', ')})`,
				);
			}
			const type = (definition?.type as number | undefined) ?? inferOptionType(value);
			if (type === 6) this.resolveUser(resolved, String(value));
			return { name, type, value };
		});
	}

	private resolveUser(resolved: Json, userId: string): void {
		const user = buildUser(userId, `user${userId.slice(-4)}`);
		const member = buildMember(user, this.standin.clock.now(), '0');
		delete member.user;
		resolved.users = { ...(resolved.users as Json | undefined), [userId]: user };
		resolved.members = { ...(resolved.members as Json | undefined), [userId]: member };
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
