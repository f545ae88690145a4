import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

// Request-body checks for the Discord stand-in: the OpenAPI schema (via ajv) plus the limits the spec leaves out.
// The spec is 1.1 MB; it is read once per path and each operation's validator is compiled on first use.

export const DEFAULT_DISCORD_SPEC_PATH = '/work/shared/specs/discord-api.openapi.json';

/** One "Invalid Form Body" entry: where (keys from the body root), Discord's error code and text. */
export interface FormProblem {
	at: string[];
	code: string;
	message: string;
}

type Json = Record<string, unknown>;

interface SpecOperation {
	method: string;
	template: string;
	pattern: RegExp;
	paramCount: number;
	schema: Json;
}

interface LoadedSpec {
	ajv: Ajv2020;
	components: Record<string, Json>;
	operations: SpecOperation[];
	validators: Map<string, ValidateFunction>;
}

const SPEC_CACHE = new Map<string, LoadedSpec>();
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const COMPONENTS_V2_FLAG = 1 << 15;
const INTERACTIVE_TYPES = new Set([2, 3, 4, 5, 6, 7, 8]);
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function textLength(value: unknown): number {
	return typeof value === 'string' ? [...value].length : 0;
}

/** Loads (once) the spec at `specPath` and returns it with its ajv instance. */
export function loadDiscordSpec(specPath = DEFAULT_DISCORD_SPEC_PATH): LoadedSpec {
	const cached = SPEC_CACHE.get(specPath);
	if (cached) return cached;
	const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Json>; components: Json };
	const components = (spec.components.schemas ?? {}) as Record<string, Json>;
	patchKnownSpecQuirks(components);
	const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
	ajv.addSchema({ $id: 'spec', components: spec.components });
	const loaded = { ajv, components, operations: collectOperations(spec.paths), validators: new Map() };
	SPEC_CACHE.set(specPath, loaded);
	return loaded;
}

// Discord takes permission bitfields as strings (discord.js sends "8"), but the spec says integer.
function patchKnownSpecQuirks(components: Record<string, Json>): void {
	for (const schema of Object.values(components)) {
		const properties = schema.properties as Record<string, Json> | undefined;
		if (properties?.default_member_permissions) {
			properties.default_member_permissions = { type: ['integer', 'string', 'null'], pattern: '^[0-9]+$' };
		}
	}
}

function collectOperations(paths: Record<string, Json>): SpecOperation[] {
	const operations: SpecOperation[] = [];
	for (const [template, item] of Object.entries(paths)) {
		for (const method of HTTP_METHODS) {
			const body = (item[method] as Json | undefined)?.requestBody as Json | undefined;
			const schema = ((body?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
			if (!isObject(schema)) continue;
			const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
			const paramCount = (template.match(/\{/g) ?? []).length;
			operations.push({ method, template, pattern: new RegExp(`^${source}$`), paramCount, schema });
		}
	}
	// Literal segments win over parameters: `/messages/@original` before `/messages/{message_id}`.
	return operations.sort((a, b) => a.paramCount - b.paramCount);
}

/** The spec's path template for a request, e.g. `/interactions/{interaction_id}/{interaction_token}/callback`. */
export function findSpecOperation(spec: LoadedSpec, method: string, path: string): SpecOperation | undefined {
	const lower = method.toLowerCase();
	return spec.operations.find((operation) => operation.method === lower && operation.pattern.test(path));
}

/** Validates a JSON body against the operation's requestBody schema; `undefined` when the route is not in the spec. */
export function validateSpecBody(
	spec: LoadedSpec,
	method: string,
	path: string,
	body: unknown,
): FormProblem[] | undefined {
	const operation = findSpecOperation(spec, method, path);
	if (!operation) return undefined;
	const schema = narrowUnion(spec, operation.schema, body);
	const key = `${operation.method} ${operation.template} ${branchKey(schema)}`;
	let validate = spec.validators.get(key);
	if (!validate) {
		validate = spec.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')));
		spec.validators.set(key, validate);
	}
	return validate(body) ? [] : toFormProblems(validate.errors ?? []);
}

function branchKey(schema: Json): string {
	return asArray(schema.anyOf)
		.map((branch) => (isObject(branch) ? String(branch.$ref) : ''))
		.join(',');
}

// Unions such as the interaction callback are discriminated by `type`: keep the matching branches so errors
// speak about the branch the caller meant, not "must be equal to 8" from every other one.
function narrowUnion(spec: LoadedSpec, schema: Json, body: unknown): Json {
	if (!Array.isArray(schema.anyOf) || !isObject(body) || body.type === undefined) return schema;
	const matching = schema.anyOf.filter((branch) => {
		const name = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref.split('/').pop() : undefined;
		const typeSchema = (spec.components[name ?? '']?.properties as Json | undefined)?.type;
		return isObject(typeSchema) && asArray(typeSchema.enum).includes(body.type);
	});
	return matching.length > 0 ? { ...schema, anyOf: matching } : schema;
}

function toFormProblems(errors: ErrorObject[]): FormProblem[] {
	const relevant = errors.filter((error) => !['oneOf', 'anyOf', 'allOf', 'if'].includes(error.keyword));
	// A branch mismatch at `/data` is noise when a deeper error explains it.
	const deepest = relevant.filter(
		(error) => !relevant.some((other) => other.instancePath.startsWith(`${error.instancePath}/`)),
	);
	const seen = new Set<string>();
	return deepest.map(toFormProblem).filter((problem) => {
		const key = `${problem.at.join('.')} ${problem.message}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function toFormProblem(error: ErrorObject): FormProblem {
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
		case 'enum':
		case 'const':
			return {
				at,
				code: 'BASE_TYPE_CHOICES',
				message: `Value must be one of ${JSON.stringify(params.allowedValues ?? params.allowedValue)}.`,
			};
		default:
			return { at, code: `SCHEMA_${error.keyword.toUpperCase()}`, message: error.message ?? 'Invalid value' };
	}
}

function tooLong(at: string[], value: unknown, max: number, min = 0): FormProblem[] {
	const length = textLength(value);
	if (typeof value === 'string' && length > max) {
		return [{ at, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }];
	}
	if (min > 0 && length < min) {
		return [{ at, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be between ${min} and ${max} in length.` }];
	}
	return [];
}

function badUrl(at: string[], value: unknown, allowAttachment = false): FormProblem[] {
	if (typeof value !== 'string') return [];
	const ok = /^https?:\/\/[^\s]+$/.test(value) || (allowAttachment && value.startsWith('attachment://'));
	return ok ? [] : [{ at, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }];
}

/** Discord's message limits that the OpenAPI schema does not express (or expresses only in part). */
export function checkMessageLimits(message: unknown, at: string[] = []): FormProblem[] {
	if (!isObject(message)) return [];
	const embeds = asArray(message.embeds);
	const problems = [...tooLong([...at, 'content'], message.content, 2000)];
	if (embeds.length > 10)
		problems.push({ at: [...at, 'embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
	embeds.forEach((embed, index) => problems.push(...checkEmbed(embed, [...at, 'embeds', String(index)])));
	const total = embeds.reduce<number>((sum, embed) => sum + embedLength(embed), 0);
	if (total > 6000) {
		problems.push({
			at: [...at, 'embeds'],
			code: 'MAX_EMBED_SIZE_EXCEEDED',
			message: `Embed size exceeds maximum size of 6000 (${total})`,
		});
	}
	const flags = typeof message.flags === 'number' ? message.flags : 0;
	problems.push(...checkComponents(message.components, [...at, 'components'], (flags & COMPONENTS_V2_FLAG) !== 0));
	return problems;
}

function embedLength(embed: unknown): number {
	if (!isObject(embed)) return 0;
	const fields = asArray(embed.fields).filter(isObject);
	const parts = [
		embed.title,
		embed.description,
		(embed.footer as Json | undefined)?.text,
		(embed.author as Json | undefined)?.name,
	];
	return [...parts, ...fields.flatMap((field) => [field.name, field.value])].reduce<number>(
		(sum, part) => sum + textLength(part),
		0,
	);
}

function checkEmbed(embed: unknown, at: string[]): FormProblem[] {
	if (!isObject(embed)) return [];
	const footer = isObject(embed.footer) ? embed.footer : {};
	const author = isObject(embed.author) ? embed.author : {};
	const fields = asArray(embed.fields);
	const problems = [
		...tooLong([...at, 'title'], embed.title, 256),
		...tooLong([...at, 'description'], embed.description, 4096),
		...tooLong([...at, 'footer', 'text'], footer.text, 2048),
		...tooLong([...at, 'author', 'name'], author.name, 256),
		...badUrl([...at, 'url'], embed.url),
		...badUrl([...at, 'author', 'url'], author.url),
		...badUrl([...at, 'author', 'icon_url'], author.icon_url, true),
		...badUrl([...at, 'footer', 'icon_url'], footer.icon_url, true),
		...badUrl([...at, 'image', 'url'], (embed.image as Json | undefined)?.url, true),
		...badUrl([...at, 'thumbnail', 'url'], (embed.thumbnail as Json | undefined)?.url, true),
	];
	if (fields.length > 25)
		problems.push({ at: [...at, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	fields.forEach((field, index) => {
		const fieldAt = [...at, 'fields', String(index)];
		const { name, value } = isObject(field) ? field : {};
		problems.push(
			...tooLong([...fieldAt, 'name'], name ?? '', 256, 1),
			...tooLong([...fieldAt, 'value'], value ?? '', 1024, 1),
		);
	});
	return problems;
}

interface LocatedComponent {
	component: Json;
	at: string[];
}

/** Every component of a message, depth first, with its location (rows, sections and containers nest). */
export function flattenComponents(components: unknown, at: string[] = ['components']): LocatedComponent[] {
	return asArray(components).flatMap((component, index) => {
		if (!isObject(component)) return [];
		const here = [...at, String(index)];
		const nested = [
			...flattenComponents(component.components, [...here, 'components']),
			...(isObject(component.accessory) ? [{ component: component.accessory, at: [...here, 'accessory'] }] : []),
		];
		return [{ component, at: here }, ...nested];
	});
}

function checkComponents(components: unknown, at: string[], componentsV2: boolean): FormProblem[] {
	const rows = asArray(components);
	const problems: FormProblem[] = [];
	if (!componentsV2 && rows.length > 5)
		problems.push({ at, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
	rows.forEach((row, index) => problems.push(...checkRow(row, [...at, String(index)], componentsV2)));
	const seen = new Map<string, string>();
	for (const { component, at: where } of flattenComponents(components, at)) {
		problems.push(...checkInteractive(component, where));
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
	if (component.type !== 2) return tooLong([...at, 'custom_id'], component.custom_id ?? '', 100, 1);
	const problems = tooLong([...at, 'label'], component.label, 80);
	if (component.style === 5) {
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
	if (component.style === 6) return problems;
	if (component.url != null)
		problems.push({
			at: [...at, 'url'],
			code: 'BUTTON_COMPONENT_URL_NOT_ALLOWED',
			message: 'Only link buttons can have a url.',
		});
	return [...problems, ...tooLong([...at, 'custom_id'], component.custom_id ?? '', 100, 1)];
}

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
