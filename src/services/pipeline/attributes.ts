import { z } from 'zod';

export const MOODS = [
	'happy',
	'sad',
	'chill',
	'energetic',
	'romantic',
	'dark',
	'calm',
	'angry',
	'nostalgic',
	'party',
	'focused',
	'dreamy',
] as const;

export const ENERGIES = ['low', 'medium', 'high'] as const;

/** What the LLM reads out of a prompt. The same schema is sent as `format` and checks the answer. */
export const ATTRIBUTES_SCHEMA = z.object({
	mood: z.enum(MOODS),
	genres: z.array(z.string().trim().min(1).max(40)).min(1).max(3),
	energy: z.enum(ENERGIES),
	era: z
		.object({ from: z.number().int().min(1900).max(2100), to: z.number().int().min(1900).max(2100) })
		.nullable()
		.describe('years the music should come from, or null when the prompt names no era'),
	language: z
		.string()
		.trim()
		.max(40)
		.nullable()
		.describe('language or region of the lyrics when the prompt implies one (e.g. korean), else null'),
	keywords: z.array(z.string().trim().min(1).max(40)).max(6).describe('a few search words for the catalog'),
});

export type PromptAttributes = z.infer<typeof ATTRIBUTES_SCHEMA>;
