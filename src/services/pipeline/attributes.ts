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
export type Energy = (typeof ENERGIES)[number];

/** The phases an energy arc runs through, in the order they usually come. */
export const PHASES = ['warm-up', 'build-up', 'peak', 'steady', 'wind-down', 'cool-down'] as const;
export type Phase = (typeof PHASES)[number];

/** Most phases an arc has: more would leave each too few tracks. */
export const PHASES_MAX = 4;

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
	// Wider than the /playlist option (5–300): an answer of "3" is clamped later, not refused as invalid. The JSON
	// schema requires both fields; the defaults only let an answer without them (a model not held to the schema)
	// still be read.
	durationMinutes: z
		.number()
		.int()
		.min(1)
		.max(1440)
		.nullable()
		.default(null)
		.describe('how long the playlist should last, in minutes, when the prompt says (e.g. "2 hours" → 120), else null'),
	phases: z
		.array(z.enum(PHASES))
		.max(PHASES_MAX)
		.default([])
		.describe('the energy arc in order when the prompt implies one (e.g. ["warm-up","peak","cool-down"]), else []'),
});

export type PromptAttributes = z.infer<typeof ATTRIBUTES_SCHEMA>;
