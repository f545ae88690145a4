import { badUrl, textLength, tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// Discord's message limits that the OpenAPI schema does not express (or expresses only in part): content, embeds,
// and the layout rules of components. flattenComponents is also how the stand-in finds the button a user clicks.

const COMPONENTS_V2_FLAG = 1 << 15;
const INTERACTIVE_TYPES = new Set([2, 3, 4, 5, 6, 7, 8]);

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
