import type { Json } from './json.js';
import type { AutocompleteInput, CommandInput } from './types.js';

// The `options` of an APPLICATION_COMMAND or AUTOCOMPLETE interaction, built from the registered definition so a
// test that names an option the command does not have fails here, not in the bot.

// Types whose options Discord offers autocomplete for: string, integer, number.
const AUTOCOMPLETE_TYPES = new Set([3, 4, 10]);

function inferOptionType(value: string | number | boolean): number {
	if (typeof value === 'boolean') return 5;
	if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
	return 3;
}

/** The registered options of the command, or of its subcommand; undefined for an unregistered command. */
export function optionDefinitions(registered: Json | undefined, input: CommandInput): Json[] | undefined {
	const definitions = registered ? ((registered.options ?? []) as Json[]) : undefined;
	if (input.subcommand === undefined || !definitions) return definitions;
	const sub = definitions.find((option) => option.name === input.subcommand && option.type === 1);
	if (!sub) throw new Error(`/${input.name} has no subcommand "${input.subcommand}"`);
	return (sub.options ?? []) as Json[];
}

/** Subcommand options travel inside an option of type 1 named after it. */
export function wrapSubcommand(input: CommandInput, options: Json[]): Json[] {
	return input.subcommand === undefined ? options : [{ name: input.subcommand, type: 1, options }];
}

function definitionOf(input: CommandInput, definitions: Json[] | undefined, name: string): Json | undefined {
	const definition = definitions?.find((option) => option.name === name);
	if (definitions && !definition) {
		const registered = definitions.map((option) => String(option.name)).join(', ');
		throw new Error(`/${input.name} has no option "${name}" (registered: ${registered})`);
	}
	return definition;
}

/** Options of a command as sent; `onUser` is told of each user option so it can be resolved. */
export function buildOptions(
	input: CommandInput,
	definitions: Json[] | undefined,
	onUser: (userId: string) => void,
): Json[] {
	const given = input.options ?? {};
	for (const required of definitions?.filter((option) => option.required === true) ?? []) {
		if (!(String(required.name) in given))
			throw new Error(`/${input.name}: required option "${String(required.name)}" is missing`);
	}
	return Object.entries(given).map(([name, value]) => {
		const type = (definitionOf(input, definitions, name)?.type as number | undefined) ?? inferOptionType(value);
		if (type === 6) onUser(String(value));
		return { name, type, value };
	});
}

/**
 * Options of an autocomplete interaction: what the user has typed so far (required ones may be missing), and the
 * focused option marked `focused: true`, which must have been registered with `autocomplete: true`.
 */
export function buildAutocompleteOptions(input: AutocompleteInput, definitions: Json[]): Json[] {
	const focused = definitionOf(input, definitions, input.focused) as Json;
	if (focused.autocomplete !== true || !AUTOCOMPLETE_TYPES.has(focused.type as number))
		throw new Error(`/${input.name}: option "${input.focused}" is not registered with autocomplete: true`);
	const given = { ...input.options };
	given[input.focused] ??= '';
	return Object.entries(given).map(([name, value]) => {
		const type = definitionOf(input, definitions, name)?.type as number;
		return name === input.focused ? { name, type, value, focused: true } : { name, type, value };
	});
}
