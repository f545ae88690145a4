import { z } from 'zod';
import type { LanguageProfile } from './languages.js';
import type { PhaseSpan } from './phases.js';

// What the LLM is asked of each song it suggests beyond fitting the request: the language it is sung in, and its
// phase of the arc, which the answer's schema then allows only from the arc's own phases.

export function songDemands(language: LanguageProfile | null | undefined, arc: PhaseSpan[] = []): string[] {
	const lines = language ? [`Every song must be sung in ${language.name}.`] : [];
	if (arc.length > 0) {
		const shares = arc.map((span) => `${span.phase} (about ${Math.round(span.share * 100)} %)`).join(', ');
		lines.push(`The playlist follows an energy arc, in this order: ${shares}. Tag each song with its phase.`);
	}
	return lines;
}

/** `schema` with a `phase` from the arc's phases; as it is without an arc. */
export function withPhaseTag<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, arc: PhaseSpan[]) {
	const [first, ...rest] = arc.map((span) => span.phase);
	if (!first) return schema;
	return schema.extend({ phase: z.enum([first, ...rest]).describe('its phase of the playlist') });
}
