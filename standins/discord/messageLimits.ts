import { checkComponents } from './componentLimits.js';
import { badUrl, textLength, tooLong, type FormProblem } from './formProblems.js';
import { asArray, isObject, type Json } from './json.js';

// Discord's message limits that the OpenAPI schema does not express (or expresses only in part): content, embeds,
// and (in componentLimits.ts) the layout rules of components.

const COMPONENTS_V2_FLAG = 1 << 15;

// Still offered here: ../discordSpec.ts re-exports it from this module.
export { flattenComponents } from './componentLimits.js';

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
