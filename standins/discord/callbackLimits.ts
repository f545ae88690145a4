import { checkCustomIds } from './componentLimits.js';
import { tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// Limits of the modal (type 9) and autocomplete (type 8) callbacks that the schema leaves out or gets wrong.

/** The modal's layout: Discord's documented 1–5 components (the spec says 40), rows of one labelled input. */
export function checkModalLimits(modal: unknown, at: string[]): FormProblem[] {
	if (!isObject(modal)) return [];
	const components = asArray(modal.components);
	const problems: FormProblem[] = [];
	if (components.length > 5)
		problems.push({
			at: [...at, 'components'],
			code: 'BASE_TYPE_MAX_LENGTH',
			message: 'Must be 5 or fewer in length.',
		});
	components.forEach((component, index) => {
		if (!isObject(component)) return;
		const here = [...at, 'components', String(index)];
		if (component.type === 1) problems.push(...checkModalRow(component, here));
		if (component.type === 18) problems.push(...checkLabel(component, here));
	});
	return [...problems, ...checkCustomIds(components, [...at, 'components'])];
}

// The older layout: an action row holds a single text input, which then carries its own label.
function checkModalRow(row: Json, at: string[]): FormProblem[] {
	const children = asArray(row.components);
	const problems: FormProblem[] = [];
	if (children.length > 1)
		problems.push({
			at: [...at, 'components'],
			code: 'BASE_TYPE_MAX_LENGTH',
			message: 'Must be 1 or fewer in length.',
		});
	children.forEach((child, index) => {
		if (isObject(child) && child.type === 4 && typeof child.label !== 'string')
			problems.push({
				at: [...at, 'components', String(index), 'label'],
				code: 'BASE_TYPE_REQUIRED',
				message: 'This field is required',
			});
	});
	return problems;
}

// The newer layout: the Label carries the text, and a text input inside it may not have one of its own.
// (The code is the stand-in's: Discord documents the rule, not its error.)
function checkLabel(label: Json, at: string[]): FormProblem[] {
	const child = isObject(label.component) ? label.component : {};
	if (child.type !== 4 || child.label == null) return [];
	return [
		{
			at: [...at, 'component', 'label'],
			code: 'COMPONENT_LABEL_NOT_ALLOWED',
			message: 'A text input inside a Label cannot have its own label.',
		},
	];
}

/** Choice values are up to 100 characters when strings (the spec allows 6000, as for option choices' values). */
export function checkAutocompleteLimits(data: unknown, at: string[]): FormProblem[] {
	if (!isObject(data)) return [];
	return asArray(data.choices).flatMap((choice, index) =>
		isObject(choice) ? tooLong([...at, 'choices', String(index), 'value'], choice.value, 100) : [],
	);
}
