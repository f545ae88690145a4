import type { Json } from './json.js';

// The shape of Discord's "Invalid Form Body" answers, shared by the schema checks and the hand-written limits.

/** One "Invalid Form Body" entry: where (keys from the body root), Discord's error code and text. */
export interface FormProblem {
	at: string[];
	code: string;
	message: string;
}

export function textLength(value: unknown): number {
	return typeof value === 'string' ? [...value].length : 0;
}

export function tooLong(at: string[], value: unknown, max: number, min = 0): FormProblem[] {
	const length = textLength(value);
	if (typeof value === 'string' && length > max) {
		return [{ at, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }];
	}
	if (min > 0 && length < min) {
		return [{ at, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be between ${min} and ${max} in length.` }];
	}
	return [];
}

export function badUrl(at: string[], value: unknown, allowAttachment = false): FormProblem[] {
	if (typeof value !== 'string') return [];
	const ok = /^https?:\/\/[^\s]+$/.test(value) || (allowAttachment && value.startsWith('attachment://'));
	return ok ? [] : [{ at, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }];
}

/** Discord's nested `errors` object: `{ data: { embeds: { 0: { description: { _errors: [...] } } } } }`. */
export function buildFormErrors(problems: FormProblem[]): Json {
	const root: Json = {};
	for (const problem of problems) {
		let node = root;
		for (const key of problem.at) {
			node[key] ??= {};
			node = node[key] as Json;
		}
		const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
		list.push({ code: problem.code, message: problem.message });
	}
	return root;
}

/** Human-readable form of a problem: `data.embeds[0].description: Must be 4096 or fewer in length. (BASE_TYPE_MAX_LENGTH)`. */
export function describeProblem(problem: FormProblem): string {
	const where = problem.at
		.map((key, index) => (/^\d+$/.test(key) ? `[${key}]` : index === 0 ? key : `.${key}`))
		.join('');
	return `${where || '(body)'}: ${problem.message} (${problem.code})`;
}
