import { buildAutocompleteOptions, buildOptions, optionDefinitions, wrapSubcommand } from './commandOptions.js';
import type { CommandStore } from './commands.js';
import type { DiscordContext } from './context.js';
import type { InteractionDispatcher } from './interactions.js';
import type { Json } from './json.js';
import { buildMember, buildUser } from './objects.js';
import { isStandinMessage, type TargetMessages } from './targetMessages.js';
import type { AutocompleteInput, CommandInput, InteractionHandle, MessageCommandInput } from './types.js';

// A user invoking application commands: slash commands, autocomplete while typing one, and message context-menu
// commands; shaped from the registered command so that a bad test input fails here, not in the bot.

export interface CommandInteractionDeps {
	dispatcher: InteractionDispatcher;
	commands: CommandStore;
	targets: TargetMessages;
}

export class CommandInteractions {
	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: CommandInteractionDeps,
	) {}

	sendCommand(input: CommandInput): InteractionHandle {
		const guildId = this.guildOf(input);
		const registered = this.deps.commands.findCommand(input.name, guildId);
		const resolved: Json = {};
		const options = buildOptions(input, optionDefinitions(registered, input), (userId) =>
			this.resolveUser(resolved, userId),
		);
		const data: Json = { ...this.commandData(registered, input.name, 1), options: wrapSubcommand(input, options) };
		if (Object.keys(resolved).length > 0) data.resolved = resolved;
		return this.deps.dispatcher.sendInteraction({ ...input, guildId, type: 2, data });
	}

	/** The user typing in an option registered with `autocomplete: true` (interaction type 4). */
	sendAutocomplete(input: AutocompleteInput): InteractionHandle {
		const guildId = this.guildOf(input);
		const registered = this.registered(input.name, guildId, 1);
		const options = buildAutocompleteOptions(input, optionDefinitions(registered, input) ?? []);
		const data: Json = {
			...this.commandData(registered, input.name, 1),
			version: registered.version,
			options: wrapSubcommand(input, options),
		};
		return this.deps.dispatcher.sendInteraction({ ...input, guildId, type: 4, data });
	}

	/** A message command used on a message: APPLICATION_COMMAND with the message as target, resolved in full. */
	sendMessageCommand(input: MessageCommandInput): InteractionHandle {
		const held = isStandinMessage(input.message) ? input.message : undefined;
		const guildId = held?.guild_id ?? this.guildOf(input);
		const registered = this.registered(input.name, guildId, 3);
		const target = this.deps.targets.resolve(input.message, guildId, input.channelId);
		const data: Json = {
			...this.commandData(registered, input.name, 3),
			target_id: target.id,
			resolved: { messages: { [target.id]: target } },
		};
		// An application command carries its target in `resolved`, not as the interaction's `message`.
		const user = { ...input, message: undefined };
		return this.deps.dispatcher.sendInteraction({ ...user, guildId, channelId: target.channel_id, type: 2, data });
	}

	private guildOf(input: { guildId?: string }): string {
		return input.guildId ?? this.standin.guilds[0]?.id ?? '0';
	}

	private registered(name: string, guildId: string, type: number): Json {
		const found = this.deps.commands.findCommand(name, guildId, type);
		if (found) return found;
		const kinds: Record<number, string> = { 1: 'slash command', 2: 'user command', 3: 'message command' };
		const names = this.deps.commands.namesOf(guildId, type);
		throw new Error(`No ${kinds[type]} "${name}" is registered (registered: ${names.join(', ') || 'none'})`);
	}

	private commandData(registered: Json | undefined, name: string, type: number): Json {
		const data: Json = { id: registered?.id ?? this.standin.clock.snowflake(), name, type };
		if (registered?.guild_id) data.guild_id = registered.guild_id;
		return data;
	}

	private resolveUser(resolved: Json, userId: string): void {
		const user = buildUser(userId, `user${userId.slice(-4)}`);
		const member = buildMember(user, this.standin.clock.now(), '0');
		delete member.user;
		resolved.users = { ...(resolved.users as Json | undefined), [userId]: user };
		resolved.members = { ...(resolved.members as Json | undefined), [userId]: member };
	}
}
