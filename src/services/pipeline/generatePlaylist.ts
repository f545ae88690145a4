import type { Logger } from '../../log.js';
import { assemblePlaylist } from './assemblePlaylist.js';
import { NothingFoundError } from '../errors.js';
import { extractAttributes, type Extraction } from './extractAttributes.js';
import type { Llm } from '../llm/createLlm.js';
import { playlistName } from './playlistName.js';
import type { PipelineProgress, PlaylistResult, Stage } from './playlistTypes.js';
import { previewPlaylist } from './previewPlaylist.js';
import { refineWithLlm, MAX_SUGGESTIONS, type Refinement, type VerifiedPick } from './refineWithLlm.js';
import { seedTracks } from './seedTracks.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { Track } from '../spotify/track.js';
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
	seeds: Track[];
}

/**
 * The LLM's verified picks; none when extraction already went without the LLM, whose reason is kept. The seeds are
 * shown at once, and each pick joins them as it is verified.
 */
async function refine(generation: Generation, step: RefineStep): Promise<Refinement> {
	const { deps, notify, timingsMs } = generation;
	const { prompt, extraction, seeds } = step;
	if (extraction.degraded) return { picks: [], notFound: 0, degraded: extraction.degraded };
	const name = playlistName(prompt);
	const show = (picks: VerifiedPick[]) =>
		notify({ stage: 'refine', preview: { name, tracks: previewPlaylist(seeds, picks, step.length) } });
	show([]);
	const input = {
		prompt,
		attributes: extraction.attributes,
		seeds,
		count: suggestionCount(step.length),
		spotifyContext: deps.spotifyContext,
	};
	return timed(timingsMs, 'refine', () =>
		refineWithLlm(deps, {
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
	const seeds = await timed(timingsMs, 'seed', () =>
		seedTracks(deps.catalog, extraction.attributes, Math.ceil(length * 1.5)),
	);
	const refinement = await refine({ deps, notify, timingsMs }, { prompt, length, notAfter, extraction, seeds });
	const started = performance.now();
	const assembly = assemblePlaylist({ seeds, picks: refinement.picks, length });
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
	};
}
