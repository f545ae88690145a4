import type { ErrorObject } from 'ajv/dist/2020.js';
import type { FormProblem } from './formProblems.js';

// ajv's errors as Discord's "Invalid Form Body" problems, worded and coded as Discord words them. Component unions
// are discriminated by `type` before this (specPatches.ts); what remains of branch noise is dropped here.

const UNION_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf', 'if']);
// Errors that only say "this branch did not match".
const BRANCH_KEYWORDS = new Set(['type', 'enum', 'const']);

// A mismatch at `/data` is noise when a deeper error explains it (the `null` branch of `data`, say).
function isNoise(error: ErrorObject, all: ErrorObject[]): boolean {
	return (
		BRANCH_KEYWORDS.has(error.keyword) && all.some((other) => other.instancePath.startsWith(`${error.instancePath}/`))
	);
}

function allowedValues(error: ErrorObject): unknown[] {
	const params = error.params as { allowedValues?: unknown[]; allowedValue?: unknown };
	return params.allowedValues ?? [params.allowedValue];
}

/** ajv errors → problems: branch noise dropped, one "must be one of" per field, each problem once. */
export function toFormProblems(errors: ErrorObject[]): FormProblem[] {
	const relevant = errors.filter((error) => !UNION_KEYWORDS.has(error.keyword));
	const kept = relevant.filter((error) => !isNoise(error, relevant));
	const choices = new Map<string, unknown[]>();
	for (const error of kept) {
		if (error.keyword !== 'enum' && error.keyword !== 'const') continue;
		const values = choices.get(error.instancePath) ?? [];
		choices.set(error.instancePath, [...new Set([...values, ...allowedValues(error)])]);
	}
	const seen = new Set<string>();
	return kept
		.map((error) => toFormProblem(error, choices.get(error.instancePath)))
		.filter((problem) => {
			const key = `${problem.at.join('.')} ${problem.message}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

function toFormProblem(error: ErrorObject, choices: unknown[] | undefined): FormProblem {
	const at = error.instancePath.split('/').slice(1);
	const params = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'maxLength':
		case 'maxItems':
			return { at, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(params.limit)} or fewer in length.` };
		case 'minLength':
		case 'minItems':
			return { at, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(params.limit)} or more in length.` };
		case 'required':
			return {
				at: [...at, String(params.missingProperty)],
				code: 'BASE_TYPE_REQUIRED',
				message: 'This field is required',
			};
		case 'maximum':
			return {
				at,
				code: 'NUMBER_TYPE_MAX',
				message: `int value should be less than or equal to ${String(params.limit)}.`,
			};
		case 'minimum':
			return {
				at,
				code: 'NUMBER_TYPE_MIN',
				message: `int value should be greater than or equal to ${String(params.limit)}.`,
			};
		case 'enum':
		case 'const':
			return { at, code: 'BASE_TYPE_CHOICES', message: `Value must be one of ${JSON.stringify(choices ?? [])}.` };
		default:
			return { at, code: `SCHEMA_${error.keyword.toUpperCase()}`, message: error.message ?? 'Invalid value' };
	}
}
