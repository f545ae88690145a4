import type { Energy, PromptAttributes } from './attributes.js';
import { wordSearch } from './languages.js';
import { planArc } from './phases.js';

// Searches for the energies an arc needs. Spotify no longer tells a track's energy, so a search asks for one in
// words, and what it finds is placed by the energy it asked for ("k-pop calm" → the cool-down).

const ENERGY_WORDS: Record<Energy, string> = { low: 'calm', medium: 'upbeat', high: 'energetic' };

/** A search per energy the arc's phases need besides the prompt's own (which its other searches stand for). */
export function buildEnergyQueries(attributes: PromptAttributes): { query: string; energy: Energy }[] {
	const energies = new Set(planArc(attributes.phases).map((span) => span.energy));
	energies.delete(attributes.energy);
	return [...energies].map((energy) => ({ query: wordSearch(attributes, ENERGY_WORDS[energy]), energy }));
}

/** The energy a seed's search asked for: an energy search's own, else the prompt's. */
export function seedEnergies(attributes: PromptAttributes): (foundBy: string | undefined) => Energy {
	const energies = new Map(buildEnergyQueries(attributes).map(({ query, energy }) => [query, energy]));
	return (foundBy) => (foundBy && energies.get(foundBy)) || attributes.energy;
}
