import { commandTypeLimit } from './commandLimits.js';
import type { DiscordContext } from './context.js';
import { discordError, json, MISSING_ACCESS, type Reply } from './http.js';
import { isObject, type Json } from './json.js';
import { COMMAND_RULES, route, type Route, type RouteContext } from './routing.js';

// Application commands, global and per guild: the REST routes that register them (as `deploy:commands` and
// discord.js do) and the lookup sendCommand uses to build options the way Discord would.

export class CommandStore {
	readonly commands: { global: Json[]; guild: Record<string, Json[]> } = { global: [], guild: {} };
	writes = 0;

	constructor(private readonly standin: DiscordContext) {}

	routes(base: string): Route[] {
		return [
			route('GET', base, 'bot', (context) => this.withCommands(context, (list) => json(200, list))),
			route(
				'PUT',
				base,
				'bot',
				(context) => this.withCommands(context, (list, guildId) => this.overwriteCommands(list, context.body, guildId)),
				COMMAND_RULES,
			),
			route(
				'POST',
				base,
				'bot',
				(context) => this.withCommands(context, (list, guildId) => this.upsertCommand(list, context.body, guildId)),
				COMMAND_RULES,
			),
			route('GET', `${base}/:command`, 'bot', (context) =>
				this.withCommand(context, (list, index) => json(200, list[index])),
			),
			route(
				'PATCH',
				`${base}/:command`,
				'bot',
				(context) => this.withCommand(context, (list, index) => this.patchCommand(list, index, context.body)),
				COMMAND_RULES,
			),
			route('DELETE', `${base}/:command`, 'bot', (context) =>
				this.withCommand(context, (list, index) => this.deleteCommand(list, index)),
			),
		];
	}

	/** The command a user in the guild sees under that name and type (1 slash, 2 user, 3 message); guild first. */
	findCommand(name: string, guildId: string, type = 1): Json | undefined {
		const matches = (command: Json): boolean => command.name === name && (command.type ?? 1) === type;
		return this.commands.guild[guildId]?.find(matches) ?? this.commands.global.find(matches);
	}

	namesOf(guildId: string, type: number): string[] {
		const all = [...(this.commands.guild[guildId] ?? []), ...this.commands.global];
		return all.filter((command) => (command.type ?? 1) === type).map((command) => String(command.name));
	}

	private withCommands(context: RouteContext, handle: (list: Json[], guildId?: string) => Reply): Reply {
		const [app, guildId] = context.params;
		const guildScoped = context.record.path.includes('/guilds/');
		if (app !== this.standin.applicationId) return MISSING_ACCESS;
		if (!guildScoped) return handle(this.commands.global);
		if (!guildId || !this.standin.guilds.some((guild) => guild.id === guildId)) return MISSING_ACCESS;
		this.commands.guild[guildId] ??= [];
		return handle(this.commands.guild[guildId], guildId);
	}

	private withCommand(context: RouteContext, handle: (list: Json[], index: number) => Reply): Reply {
		const commandId = context.params[context.params.length - 1];
		return this.withCommands(context, (list) => {
			const index = list.findIndex((command) => command.id === commandId);
			return index < 0 ? discordError(404, 'Unknown application command', 10063) : handle(list, index);
		});
	}

	private normalizeCommand(input: Json, existing: Json | undefined, guildId?: string): Json {
		const base = {
			type: 1,
			description: '',
			name_localizations: null,
			description_localizations: null,
			default_member_permissions: null,
			contexts: null,
			integration_types: [0],
			nsfw: false,
		};
		const permissions = input.default_member_permissions;
		const command: Json = {
			...base,
			...input,
			id: existing?.id ?? this.standin.clock.snowflake(),
			application_id: this.standin.applicationId,
			version: this.standin.clock.snowflake(),
		};
		// Discord answers permission bitfields as strings whatever was sent.
		if (typeof permissions === 'number' || typeof permissions === 'string') {
			command.default_member_permissions = String(permissions);
		}
		return guildId ? { ...command, guild_id: guildId } : command;
	}

	private overwriteCommands(list: Json[], body: unknown, guildId?: string): Reply {
		if (!Array.isArray(body))
			return json(400, {
				message: 'Invalid Form Body',
				code: 50035,
				errors: { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] },
			});
		this.writes += 1;
		const sameCommand = (a: Json, b: Json): boolean => a.name === b.name && (a.type ?? 1) === (b.type ?? 1);
		const next = body.filter(isObject).map((input) =>
			this.normalizeCommand(
				input,
				list.find((old) => sameCommand(old, input)),
				guildId,
			),
		);
		list.splice(0, list.length, ...next);
		return json(200, list);
	}

	private upsertCommand(list: Json[], body: unknown, guildId?: string): Reply {
		if (!isObject(body)) return discordError(400, 'Invalid Form Body', 50035);
		const type = body.type ?? 1;
		const index = list.findIndex((old) => old.name === body.name && (old.type ?? 1) === type);
		if (index < 0 && list.filter((old) => (old.type ?? 1) === type).length >= commandTypeLimit(type))
			return discordError(400, `Maximum number of application commands reached (${commandTypeLimit(type)})`, 30032);
		this.writes += 1;
		const command = this.normalizeCommand(body, list[index], guildId);
		if (index < 0) list.push(command);
		else list[index] = command;
		return json(index < 0 ? 201 : 200, command);
	}

	private patchCommand(list: Json[], index: number, body: unknown): Reply {
		this.writes += 1;
		const old = list[index] as Json;
		const command = { ...old, ...(isObject(body) ? body : {}), id: old.id, version: this.standin.clock.snowflake() };
		list[index] = command;
		return json(200, command);
	}

	private deleteCommand(list: Json[], index: number): Reply {
		this.writes += 1;
		list.splice(index, 1);
		return { status: 204 };
	}
}
