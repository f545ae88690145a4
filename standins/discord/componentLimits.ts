import { badUrl, tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// The layout rules of message components that the schema leaves out: rows, unique custom ids, buttons, string
// selects. flattenComponents is also how the stand-in finds the component a user clicks.

const INTERACTIVE_TYPES = new Set([2, 3, 4, 5, 6, 7, 8]);

interface LocatedComponent {
	component: Json;
	at: string[];
}

/** Every component, depth first, with its location (rows, sections, containers and modal labels nest). */
export function flattenComponents(components: unknown, at: string[] = ['components']): LocatedComponent[] {
	return asArray(components).flatMap((component, index) => {
		if (!isObject(component)) return [];
		const here = [...at, String(index)];
		const child = (key: 'accessory' | 'component'): LocatedComponent[] =>
			isObject(component[key]) ? [{ component: component[key], at: [...here, key] }] : [];
		const nested = [
			...flattenComponents(component.components, [...here, 'components']),
			...child('accessory'),
			...child('component'),
		];
		return [{ component, at: here }, ...nested];
	});
}

/** Custom ids are unique across the whole message (or modal), however deep. */
export function checkCustomIds(components: unknown, at: string[]): FormProblem[] {
	const problems: FormProblem[] = [];
	const seen = new Map<string, string>();
	for (const { component, at: where } of flattenComponents(components, at)) {
		if (typeof component.custom_id !== 'string') continue;
		if (seen.has(component.custom_id)) {
			problems.push({
				at: [...where, 'custom_id'],
				code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
				message: `Component custom id cannot be duplicated (also at ${seen.get(component.custom_id)})`,
			});
		}
		seen.set(component.custom_id, where.join('.'));
	}
	return problems;
}

export function checkComponents(components: unknown, at: string[], componentsV2: boolean): FormProblem[] {
	const rows = asArray(components);
	const problems: FormProblem[] = [];
	if (!componentsV2 && rows.length > 5)
		problems.push({ at, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
	rows.forEach((row, index) => problems.push(...checkRow(row, [...at, String(index)], componentsV2)));
	for (const { component, at: where } of flattenComponents(components, at))
		problems.push(...checkInteractive(component, where));
	return [...problems, ...checkCustomIds(components, at)];
}

function checkRow(row: unknown, at: string[], componentsV2: boolean): FormProblem[] {
	if (!isObject(row)) return [];
	if (row.type !== 1) {
		return componentsV2
			? []
			: [
					{
						at: [...at, 'type'],
						code: 'BASE_TYPE_CHOICES',
						message: 'Top-level components must be action rows (type 1) without the IS_COMPONENTS_V2 flag.',
					},
				];
	}
	const children = asArray(row.components).filter(isObject);
	const buttons = children.filter((child) => child.type === 2).length;
	const problems: FormProblem[] = [];
	if (buttons > 5)
		problems.push({
			at: [...at, 'components'],
			code: 'BASE_TYPE_MAX_LENGTH',
			message: 'Must be 5 or fewer in length.',
		});
	// A row holds up to 5 buttons or one select, never both.
	if (children.some((child) => child.type !== 2) && children.length > 1) {
		problems.push({
			at: [...at, 'components'],
			code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
			message: 'A select menu must be alone in its action row.',
		});
	}
	return problems;
}

function checkInteractive(component: Json, at: string[]): FormProblem[] {
	if (!INTERACTIVE_TYPES.has(component.type as number)) return [];
	const customId = tooLong([...at, 'custom_id'], component.custom_id ?? '', 100, 1);
	if (component.type === 3) return [...customId, ...checkStringSelect(component, at)];
	if (component.type !== 2) return customId;
	const problems = tooLong([...at, 'label'], component.label, 80);
	if (component.style === 5) return [...problems, ...checkLinkButton(component, at)];
	if (component.style === 6) return problems;
	if (component.url != null)
		problems.push({
			at: [...at, 'url'],
			code: 'BUTTON_COMPONENT_URL_NOT_ALLOWED',
			message: 'Only link buttons can have a url.',
		});
	return [...problems, ...customId];
}

function checkLinkButton(component: Json, at: string[]): FormProblem[] {
	const problems: FormProblem[] = [];
	if (typeof component.url !== 'string')
		problems.push({ at: [...at, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'Link buttons need a url.' });
	if (component.custom_id != null)
		problems.push({
			at: [...at, 'custom_id'],
			code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
			message: 'Link buttons cannot have a custom_id.',
		});
	return [...problems, ...badUrl([...at, 'url'], component.url)];
}

// Worded like the schema's errors where the schema says the same (the problems are then reported once).
function checkStringSelect(select: Json, at: string[]): FormProblem[] {
	const options = asArray(select.options).filter(isObject);
	const problems: FormProblem[] = [];
	if (options.length > 25)
		problems.push({ at: [...at, 'options'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	const values = new Set<unknown>();
	options.forEach((option, index) => {
		const here = [...at, 'options', String(index)];
		problems.push(...tooLong([...here, 'label'], option.label, 100), ...tooLong([...here, 'value'], option.value, 100));
		if (values.has(option.value))
			problems.push({
				at: [...here, 'value'],
				code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
				message: 'The specified option value is already used',
			});
		values.add(option.value);
	});
	return [...problems, ...checkValueCounts(select, options.length, at)];
}

// min_values ≤ max_values ≤ number of options (both default to 1): otherwise no choice could ever be valid.
function checkValueCounts(select: Json, optionCount: number, at: string[]): FormProblem[] {
	const min = typeof select.min_values === 'number' ? select.min_values : 1;
	const max = typeof select.max_values === 'number' ? select.max_values : 1;
	const atMost = (key: string, limit: number): FormProblem => ({
		at: [...at, key],
		code: 'NUMBER_TYPE_MAX',
		message: `int value should be less than or equal to ${limit}.`,
	});
	const problems: FormProblem[] = [];
	if (min > max) problems.push(atMost('min_values', max));
	if (optionCount > 0 && optionCount <= 25 && max > optionCount) problems.push(atMost('max_values', optionCount));
	return problems;
}
