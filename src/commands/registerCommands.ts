import { Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';

export interface CommandTarget {
	clientId: string;
	/** Register in one server (instant) instead of globally. */
	guildId: string | undefined;
}

type Definition = RESTPostAPIApplicationCommandsJSONBody;

// Only the fields we set are compared, with Discord's defaults filled in, so the ids, versions and
// extra fields Discord adds don't count as a change.
function project(command: Record<string, unknown>): unknown {
	const options = (command.options as Record<string, unknown>[] | undefined) ?? [];
	return {
		name: command.name,
		// Discord answers context-menu commands with an empty description.
		description: command.description ?? '',
		type: command.type ?? 1,
		options: options.map((option) => ({
			type: option.type,
			name: option.name,
			description: option.description,
			required: option.required ?? false,
			min_value: option.min_value ?? null,
			max_value: option.max_value ?? null,
			min_length: option.min_length ?? null,
			max_length: option.max_length ?? null,
			autocomplete: option.autocomplete ?? false,
		})),
	};
}

function fingerprint(commands: Record<string, unknown>[]): string {
	return JSON.stringify(commands.map(project).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
}

function route(target: CommandTarget): `/${string}` {
	return target.guildId
		? Routes.applicationGuildCommands(target.clientId, target.guildId)
		: Routes.applicationCommands(target.clientId);
}

/**
 * Bulk-overwrites the commands when they differ from what Discord has (creating commands has a
 * daily limit, so an unchanged set is left alone), or always with `force`.
 */
export async function registerCommands(
	rest: REST,
	target: CommandTarget,
	definitions: Definition[],
	options: { force?: boolean } = {},
): Promise<'updated' | 'unchanged'> {
	if (!options.force) {
		const current = (await rest.get(route(target))) as Record<string, unknown>[];
		if (fingerprint(current) === fingerprint(definitions as unknown as Record<string, unknown>[])) return 'unchanged';
	}
	await rest.put(route(target), { body: definitions });
	return 'updated';
}
