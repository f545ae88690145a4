import { tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// Limits of application command definitions that the OpenAPI schema leaves out. The error codes for context menu
// commands are the stand-in's: Discord documents those rules, not their errors.

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const TYPE_NAMES: Record<number, string> = { 1: 'CHAT_INPUT', 2: 'USER', 3: 'MESSAGE' };

/** How many commands of a type one scope (global, or one guild) may hold: 15 user or message commands since 2026-03. */
export function commandTypeLimit(type: unknown): number {
	return type === 2 || type === 3 ? 15 : 100;
}

/** Limits of application command definitions beyond the schema: names, option order, uniqueness, counts. */
export function checkCommandLimits(commands: unknown, at: string[] = []): FormProblem[] {
	const list = Array.isArray(commands) ? commands : [commands];
	const problems: FormProblem[] = Array.isArray(commands) ? checkCounts(list, at) : [];
	const names = new Set<string>();
	list.forEach((command, index) => {
		if (!isObject(command)) return;
		const here = Array.isArray(commands) ? [...at, String(index)] : at;
		const key = `${JSON.stringify(command.type ?? 1)}:${JSON.stringify(command.name)}`;
		if (names.has(key))
			problems.push({
				at: [...here, 'name'],
				code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
				message: `Application command names must be unique (${String(command.name)})`,
			});
		names.add(key);
		const type = command.type ?? 1;
		if (type === 1) problems.push(...checkChatInput(command, here));
		if (type === 2 || type === 3) problems.push(...checkContextMenu(command, here));
	});
	return problems;
}

function checkCounts(list: unknown[], at: string[]): FormProblem[] {
	const counts = new Map<unknown, number>();
	for (const command of list.filter(isObject)) counts.set(command.type ?? 1, (counts.get(command.type ?? 1) ?? 0) + 1);
	return [...counts]
		.filter(([type, count]) => count > commandTypeLimit(type))
		.map(([type, count]) => ({
			at,
			code: 'BASE_TYPE_MAX_LENGTH',
			message: `Must be ${commandTypeLimit(type)} or fewer ${TYPE_NAMES[type as number] ?? String(type)} commands (${count}).`,
		}));
}

// User and message commands: any case and spaces in the name, no description (Discord answers with ""), no options.
function checkContextMenu(command: Json, at: string[]): FormProblem[] {
	const problems = tooLong([...at, 'name'], command.name ?? '', 32, 1);
	if (typeof command.description === 'string' && command.description !== '')
		problems.push({
			at: [...at, 'description'],
			code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_NOT_ALLOWED',
			message: 'Context menu commands cannot have a description.',
		});
	if (asArray(command.options).length > 0)
		problems.push({
			at: [...at, 'options'],
			code: 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS_NOT_ALLOWED',
			message: 'Context menu commands cannot have options.',
		});
	return problems;
}

function checkChatInput(command: Json, at: string[]): FormProblem[] {
	const problems: FormProblem[] = [];
	const name = typeof command.name === 'string' ? command.name : '';
	if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
		problems.push({
			at: [...at, 'name'],
			code: 'APPLICATION_COMMAND_INVALID_NAME',
			message: `Command name is invalid (${name})`,
		});
	}
	problems.push(...tooLong([...at, 'description'], command.description ?? '', 100, 1));
	return [...problems, ...checkOptions(command.options, [...at, 'options'])];
}

function checkOptions(options: unknown, at: string[]): FormProblem[] {
	const list = asArray(options).filter(isObject);
	const problems: FormProblem[] = [];
	const names = new Set<string>();
	let optionalSeen = false;
	list.forEach((option, index) => {
		const here = [...at, String(index)];
		const name = typeof option.name === 'string' ? option.name : '';
		if (!COMMAND_NAME.test(name) || name !== name.toLowerCase())
			problems.push({
				at: [...here, 'name'],
				code: 'APPLICATION_COMMAND_INVALID_NAME',
				message: `Option name is invalid (${name})`,
			});
		if (names.has(name))
			problems.push({
				at: [...here, 'name'],
				code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
				message: `Option name ${name} is already used`,
			});
		names.add(name);
		if (option.required === true && optionalSeen)
			problems.push({
				at: [...here, 'required'],
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		optionalSeen ||= option.required !== true && option.type !== 1 && option.type !== 2;
		problems.push(...tooLong([...here, 'description'], option.description ?? '', 100, 1));
		if (asArray(option.choices).length > 25)
			problems.push({
				at: [...here, 'choices'],
				code: 'BASE_TYPE_MAX_LENGTH',
				message: 'Must be 25 or fewer in length.',
			});
		problems.push(...checkOptions(option.options, [...here, 'options']));
	});
	return problems;
}
