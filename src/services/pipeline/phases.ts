import { ENERGIES, PHASES, type Energy, type Phase } from './attributes.js';

// An energy arc as the playlist follows it: each phase's energy and share of the list. Spotify no longer tells a
// track's energy, so tracks are placed by what asked for them: the phase the LLM tagged, the energy a search asked.

export interface PhaseSpan {
	phase: Phase;
	energy: Energy;
	/** Its part of the list (time or tracks); the shares of an arc add up to 1. */
	share: number;
}

const PHASE_ENERGY: Record<Phase, Energy> = {
	'warm-up': 'medium',
	'build-up': 'medium',
	peak: 'high',
	steady: 'medium',
	'wind-down': 'low',
	'cool-down': 'low',
};

// Openings and endings are short; the middle of an arc is most of it ("20 % warm-up, 60 % peak, 20 % cool-down").
const PHASE_WEIGHT: Record<Phase, number> = {
	'warm-up': 1,
	'build-up': 1.5,
	peak: 3,
	steady: 3,
	'wind-down': 1.5,
	'cool-down': 1,
};

/** The arc of the phases the LLM read, in its order, each once; none for fewer than two phases (no arc). */
export function planArc(phases: readonly Phase[] | undefined): PhaseSpan[] {
	const distinct = [...new Set(phases ?? [])].filter((phase) => PHASES.includes(phase));
	if (distinct.length < 2) return [];
	const total = distinct.reduce((sum, phase) => sum + PHASE_WEIGHT[phase], 0);
	return distinct.map((phase) => ({ phase, energy: PHASE_ENERGY[phase], share: PHASE_WEIGHT[phase] / total }));
}

export function phaseEnergy(phase: Phase): Energy {
	return PHASE_ENERGY[phase];
}

const energyLevel = (energy: Energy) => ENERGIES.indexOf(energy);

/** The phases (indexes into `arc`) a track of `energy` belongs in: those of the nearest energy. */
export function phasesForEnergy(arc: PhaseSpan[], energy: Energy): number[] {
	const distance = (span: PhaseSpan) => Math.abs(energyLevel(span.energy) - energyLevel(energy));
	const nearest = Math.min(...arc.map(distance));
	return arc.flatMap((span, index) => (distance(span) === nearest ? [index] : []));
}

/** Where a candidate goes: the phase the LLM tagged when the arc has it, else by the energy it was found for. */
export function phasesFor(arc: PhaseSpan[], wanted: { phase?: Phase | undefined; energy: Energy }): number[] {
	const tagged = arc.findIndex((span) => span.phase === wanted.phase);
	if (tagged !== -1) return [tagged];
	return phasesForEnergy(arc, wanted.phase ? PHASE_ENERGY[wanted.phase] : wanted.energy);
}
