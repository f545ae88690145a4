import type { Logger } from '../../log.js';
import { NothingFoundError } from '../errors.js';
import { extractAttributes, type Extraction } from './extractAttributes.js';
import type { Llm } from '../llm/createLlm.js';
import { playlistName } from './playlistName.js';
import type { PipelineProgress, PlaylistResult, Stage } from './playlistTypes.js';
import { refineWithLlm, MAX_SUGGESTIONS, type Refinement, type VerifiedPick } from './refineWithLlm.js';
import { planFromPrompt, type PlanSeeds, type SeedPlan } from './seedPlan.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { Verify } from './verifiedSuggestions.js';

// One playlist from a checked prompt: extract → seed → refine → assemble, each stage timed and announced.

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

interface RefineStep {
	prompt: string;
	length: number;
	notAfter: number | undefined;
	extraction: Extraction;
	plan: SeedPlan;
}

/**
 * The LLM's verified picks; none when extraction already went without the LLM, whose reason is kept. The seeds are
 * shown at once, and each pick joins them as it is verified.
 */
async function refine(generation: Generation, step: RefineStep): Promise<Refinement> {
	const { deps, notify, timingsMs } = generation;
	const { prompt, extraction, plan } = step;
	if (extraction.degraded) return { picks: [], notFound: 0, degraded: extraction.degraded };
	const name = playlistName(prompt);
	const show = (picks: VerifiedPick[]) => notify({ stage: 'refine', preview: { name, tracks: plan.preview(picks) } });
	show([]);
	const input = {
		prompt,
		attributes: extraction.attributes,
		seeds: plan.shown,
		count: suggestionCount(step.length),
		spotifyContext: deps.spotifyContext,
	};
	const checked = { ...deps, verify: plan.verify(deps.verify) };
	return timed(timingsMs, 'refine', () =>
		refineWithLlm(checked, {
			...input,
			notAfter: step.notAfter,
			onQueued: (ahead) => notify({ stage: 'refine', queued: ahead + 1 }),
			onPicks: show,
		}),
	);
}

export async function generatePlaylist(
	deps: GenerateDeps,
	request: { prompt: string; length: number; notAfter?: number },
	notify: Generation['notify'],
): Promise<PlaylistResult> {
	const { prompt, length, notAfter } = request;
	const timingsMs: Timings = { extract: 0, seed: 0, refine: 0, assemble: 0 };
	notify({ stage: 'extract' });
	const extraction = await timed(timingsMs, 'extract', () =>
		extractAttributes(deps, prompt, { notAfter, onQueued: (ahead) => notify({ stage: 'extract', queued: ahead + 1 }) }),
	);
	notify({ stage: 'seed' });
	const plan = await timed(timingsMs, 'seed', () =>
		(deps.planSeeds ?? planFromPrompt)(deps.catalog, extraction.attributes, length),
	);
	const refinement = await refine({ deps, notify, timingsMs }, { prompt, length, notAfter, extraction, plan });
	const started = performance.now();
	const assembly = plan.assemble(refinement.picks);
	const personal = plan.note(refinement.picks);
	timingsMs.assemble = Math.round(performance.now() - started);
	if (assembly.tracks.length === 0) throw new NothingFoundError(prompt);
	return {
		name: playlistName(prompt),
		prompt,
		length,
		model: deps.llm.model,
		attributes: extraction.attributes,
		tracks: assembly.tracks,
		degraded: refinement.degraded,
		dropped: refinement.notFound + assembly.duplicatePicks,
		timingsMs,
		createdAt: new Date().toISOString(),
		spare: assembly.spare,
		...(personal && { personal }),
	};
}
