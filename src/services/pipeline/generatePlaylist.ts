import type { Logger } from '../../log.js';
import type { AssembleInput, Assembly } from './assemblePlaylist.js';
import { seedEnergies } from './energyQueries.js';
import { NothingFoundError } from '../errors.js';
import { extractAttributes, type Extraction } from './extractAttributes.js';
import { findLanguage } from './languages.js';
import type { Llm } from '../llm/createLlm.js';
import { playlistName } from './playlistName.js';
import { expectedLength, planPlaylist, targetMs, type PlaylistPlan } from './playlistPlan.js';
import type { PipelineProgress, PlaylistResult, Stage } from './playlistTypes.js';
import { refineWithLlm, MAX_SUGGESTIONS, type Refinement, type VerifiedPick } from './refineWithLlm.js';
import { planFromPrompt, type PlanSeeds, type SeedPlan } from './seedPlan.js';
import type { SeedTrack } from './seedTracks.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { Verify } from './verifiedSuggestions.js';

// One playlist from a checked prompt: extract → seed → refine → assemble, each stage timed and announced. The
// extraction decides what the list is made to: a count or a duration, and an arc or none.

/** The seed searches are announced only when they take longer than this. */
const SEED_STAGE_SHOWN_AFTER_MS = 500;

export interface GenerateDeps {
	llm: Llm;
	/** Where seeds are searched. */
	catalog: SpotifyCatalog;
	/** How the LLM's suggestions are checked on Spotify. */
	verify: Verify;
	logger: Logger;
	/** LLM_SPOTIFY_CONTEXT: whether the LLM is shown the catalog tracks found so far (default true). */
	spotifyContext?: boolean;
	/** How seeds are found and the list assembled; absent: from the prompt's searches alone (seedPlan.ts). */
	planSeeds?: PlanSeeds;
}

type Timings = Record<Stage, number>;

/** One playlist under way: what it uses, where its progress goes, and how long each stage took. */
interface Generation {
	deps: GenerateDeps;
	notify: (progress: PipelineProgress) => void;
	timingsMs: Timings;
}

/** How many suggestions to ask for: the LLM's half of the list plus a margin for the ones dropped. */
export function suggestionCount(length: number): number {
	return Math.min(MAX_SUGGESTIONS, Math.ceil((Math.ceil(length / 2) * 3) / 2) + 2);
}

async function timed<T>(timings: Timings, stage: Stage, task: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		return await task();
	} finally {
		timings[stage] = Math.round(performance.now() - started);
	}
}

/** What a generation is asked for: a count, or a duration (`minutes` wins over one the prompt names). */
export interface GenerateRequest {
	prompt: string;
	length: number;
	minutes?: number;
	notAfter?: number;
}

interface RefineStep {
	request: GenerateRequest;
	extraction: Extraction;
	seedPlan: SeedPlan;
	plan: PlaylistPlan;
	/** The list from the seeds and `picks`, as it will be assembled. */
	assembleWith: (picks: VerifiedPick[]) => AssembleInput;
}

/**
 * The LLM's verified picks; none when extraction already went without the LLM, whose reason is kept. The seeds are
 * shown at once, and each pick joins them as it is verified.
 */
async function refine(generation: Generation, step: RefineStep): Promise<Refinement> {
	const { deps, notify, timingsMs } = generation;
	const { request, extraction, seedPlan, plan } = step;
	if (extraction.degraded) return { picks: [], notFound: 0, degraded: extraction.degraded };
	const name = playlistName(request.prompt);
	const expected = expectedLength(plan);
	const show = (picks: VerifiedPick[]) =>
		notify({ stage: 'refine', preview: { name, tracks: seedPlan.preview(step.assembleWith(picks), expected) } });
	show([]);
	const input = {
		prompt: request.prompt,
		attributes: extraction.attributes,
		seeds: seedPlan.shown,
		count: suggestionCount(expected),
		spotifyContext: deps.spotifyContext,
		language: findLanguage(extraction.attributes.language),
		arc: plan.arc,
	};
	const checked = { ...deps, verify: seedPlan.verify(deps.verify) };
	return timed(timingsMs, 'refine', () =>
		refineWithLlm(checked, {
			...input,
			notAfter: request.notAfter,
			onQueued: (ahead) => notify({ stage: 'refine', queued: ahead + 1 }),
			onPicks: show,
		}),
	);
}

/** What the list is assembled from: the seeds, each placed by the energy its search asked for, and the picks. */
function assemblyInput(plan: PlaylistPlan, extraction: Extraction, seeds: SeedTrack[]) {
	const { attributes } = extraction;
	const energyOf = seedEnergies(attributes);
	const placed = plan.arc.length > 0 ? seeds.map((seed) => ({ ...seed, energy: energyOf(seed.foundBy) })) : seeds;
	const frame = { length: plan.length, targetMs: targetMs(plan), arc: plan.arc, energy: attributes.energy };
	return (picks: VerifiedPick[]): AssembleInput => ({ ...frame, seeds: placed, picks });
}

function toResult(deps: GenerateDeps, made: { request: GenerateRequest; plan: PlaylistPlan; extraction: Extraction }) {
	const { request, plan, extraction } = made;
	return (assembly: Assembly, refinement: Refinement, timingsMs: Timings): PlaylistResult => ({
		name: playlistName(request.prompt),
		prompt: request.prompt,
		length: plan.minutes === null ? plan.length : assembly.tracks.length,
		...(plan.minutes === null ? {} : { minutes: plan.minutes }),
		asked: { length: request.length, ...(request.minutes === undefined ? {} : { minutes: request.minutes }) },
		...(plan.arc.length > 0 ? { phases: plan.arc.map((span) => span.phase) } : {}),
		model: deps.llm.model,
		attributes: extraction.attributes,
		tracks: assembly.tracks,
		degraded: refinement.degraded,
		dropped: refinement.notFound + assembly.duplicatePicks,
		timingsMs,
		createdAt: new Date().toISOString(),
		spare: assembly.spare,
	});
}

export async function generatePlaylist(
	deps: GenerateDeps,
	request: GenerateRequest,
	notify: Generation['notify'],
): Promise<PlaylistResult> {
	const { prompt, notAfter } = request;
	const timingsMs: Timings = { extract: 0, seed: 0, refine: 0, assemble: 0 };
	notify({ stage: 'extract' });
	const extraction = await timed(timingsMs, 'extract', () =>
		extractAttributes(deps, prompt, { notAfter, onQueued: (ahead) => notify({ stage: 'extract', queued: ahead + 1 }) }),
	);
	const plan = planPlaylist(request, extraction.attributes);
	// A round of seed searches is usually over in a tenth of a second. Announcing it at once would spend the reply's
	// one edit a second on a stage nobody reads and hold the seed tracks back a second; only a slow search is shown.
	const announceSeeds = setTimeout(() => notify({ stage: 'seed' }), SEED_STAGE_SHOWN_AFTER_MS);
	const seedPlan = await timed(timingsMs, 'seed', () =>
		(deps.planSeeds ?? planFromPrompt)(deps.catalog, extraction.attributes, expectedLength(plan)),
	).finally(() => clearTimeout(announceSeeds));
	const assembleWith = assemblyInput(plan, extraction, seedPlan.seeds);
	const step = { request, extraction, seedPlan, plan, assembleWith };
	const refinement = await refine({ deps, notify, timingsMs }, step);
	const started = performance.now();
	const assembly = seedPlan.assemble(assembleWith(refinement.picks));
	const personal = seedPlan.note(assembleWith(refinement.picks));
	timingsMs.assemble = Math.round(performance.now() - started);
	if (assembly.tracks.length === 0) throw new NothingFoundError(prompt);
	const result = toResult(deps, { request, plan, extraction })(assembly, refinement, timingsMs);
	return personal ? { ...result, personal } : result;
}
