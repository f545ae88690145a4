import { tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// Limits of application command definitions that the OpenAPI schema leaves out.

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Limits of application command definitions beyond the schema: lowercase names, option order, uniqueness. */
export function checkCommandLimits(commands: unknown, at: string[] = []): FormProblem[] {
	const list = Array.isArray(commands) ? commands : [commands];
	const problems: FormProblem[] = [];
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
		if ((command.type ?? 1) === 1) problems.push(...checkChatInput(command, here));
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
