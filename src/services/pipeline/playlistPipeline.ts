import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import { CLAIM_TTL_MS, claimOrWait, withClaim } from '../store/claimOrWait.js';
import { checkInstruction, checkLength, checkMinutes, checkPrompt } from './requestChecks.js';
import { generatePlaylist } from './generatePlaylist.js';
import { refinePlaylist, removeTracks, type RevisionOptions } from './revisePlaylist.js';
import type { Llm } from '../llm/createLlm.js';
import { normalizePrompt } from './normalize.js';
import type { PipelineProgress, PlaylistResult } from './playlistTypes.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import { createCachedCatalog, type SearchCache } from './cachedCatalog.js';
import { createVerify, type VerifyCache } from './verifiedSuggestions.js';
import type { GenerateDeps } from './generatePlaylist.js';
import type { Collection, Store } from '../store/createStore.js';

export interface RunOptions {
	length: number;
	/** Minutes the list should last (wins over `length` and over a duration the prompt names). */
	minutes?: number;
	/** Skip the cache and run again (Regenerate); the new result replaces the cached one. */
	fresh?: boolean;
	onProgress?: (progress: PipelineProgress) => void;
	/** Epoch ms after which a request still waiting for the LLM is dropped: its answer could not reach the user. */
	notAfter?: number;
}

export interface PipelineDeps {
	llm: Llm;
	catalog: SpotifyCatalog;
	/**
	 * Spotify's answers shared by every process and user: seed search pages and verified suggestions. Regenerate
	 * (fresh) uses them too; only the playlist cache is skipped. Absent: every search reaches Spotify.
	 */
	spotifyCaches?: { searches: SearchCache; verified: VerifyCache };
	/** LLM_SPOTIFY_CONTEXT (default true). */
	spotifyContext?: boolean;
	cache: Collection<PlaylistResult>;
	cacheTtlMs: number;
	/** Claims `run:<cache key>`, so identical prompts in flight in several processes run once. */
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	logger: Logger;
}

type Listeners = Set<RunOptions['onProgress']>;

/** A new version of a playlist, from a change request. */
export interface RefineOptions extends RevisionOptions {
	onProgress?: RunOptions['onProgress'];
	notAfter?: number;
}

export interface Pipeline {
	run(prompt: string, options: RunOptions): Promise<PlaylistResult>;
	/** The list changed as `instruction` (checked with checkInstruction) asks, same length. Not cached. */
	refine(base: PlaylistResult, instruction: string, options?: RefineOptions): Promise<PlaylistResult>;
	/** The list without `trackIds`, refilled to its length. */
	removeTracks(base: PlaylistResult, trackIds: string[], options?: RevisionOptions): Promise<PlaylistResult>;
	/** Drops the cached result of a request (it holds the prompt's text), as when its author deletes their data. */
	forget(prompt: string, length: number, minutes?: number): Promise<void>;
}

/** A request's cache key. With `minutes` the length does not matter (the duration wins); without, keys are as ever. */
export function cacheKey(prompt: string, length: number, model: string, minutes?: number): string {
	const size = minutes === undefined ? `${length}` : `${minutes} min`;
	return createHash('sha256')
		.update(`${normalizePrompt(prompt)}\n${size}\n${model}`)
		.digest('hex');
}

/** One run: the checked request, its cache key, and who hears its progress. */
interface Job {
	prompt: string;
	length: number;
	minutes: number | undefined;
	key: string;
	listeners: Listeners;
	notAfter: number | undefined;
}

/** Runs in flight in this process, by cache key. */
type Running = Map<string, { result: Promise<PlaylistResult>; listeners: Listeners }>;

const notifyAll = (listeners: Listeners) => (progress: PipelineProgress) =>
	listeners.forEach((listener) => listener?.(progress));

/** The pipeline's deps with what its generations use. */
type RunDeps = GenerateDeps & PipelineDeps;

/** What a generation uses: the catalog and the check behind the shared caches, when there are any. */
export function createGenerateDeps(deps: PipelineDeps): RunDeps {
	const caches = deps.spotifyCaches;
	return {
		...deps,
		catalog: caches ? createCachedCatalog(deps.catalog, caches.searches) : deps.catalog,
		verify: createVerify(deps.catalog, caches?.verified),
	};
}

async function runFresh(deps: RunDeps, job: Job): Promise<PlaylistResult> {
	const { prompt, length, minutes, key, listeners } = job;
	const runId = randomUUID().slice(0, 8);
	const started = performance.now();
	const request = { prompt, length, notAfter: job.notAfter, ...(minutes === undefined ? {} : { minutes }) };
	const result = await generatePlaylist(deps, request, notifyAll(listeners));
	// A degraded result is not cached: the next try should use the LLM again once it is back.
	if (!result.degraded) await deps.cache.set(key, result, deps.cacheTtlMs);
	deps.logger.info(
		{
			runId,
			ms: Math.round(performance.now() - started),
			tracks: result.tracks.length,
			minutes: result.minutes,
			dropped: result.dropped,
			degraded: result.degraded,
			timingsMs: result.timingsMs,
		},
		'playlist generated',
	);
	return result;
}

/** The in-process join covers one process; the store's claim covers the others, which wait for the cache. */
async function runOnce(deps: RunDeps, job: Job, fresh: boolean): Promise<PlaylistResult> {
	const claim = { store: deps.claims, key: `run:${job.key}`, ttlMs: CLAIM_TTL_MS, logger: deps.logger };
	if (fresh) {
		// Regenerate runs at once; still claimed when free, so other processes asking the same wait for it.
		if (!(await claim.store.claim(claim.key, claim.ttlMs))) return runFresh(deps, job);
	} else {
		const onWait = () => notifyAll(job.listeners)({ stage: 'extract' });
		const outcome = await claimOrWait({ ...claim, find: () => deps.cache.get(job.key), onWait });
		if (!outcome.claimed) return outcome.found;
	}
	return withClaim(claim, () => runFresh(deps, job));
}

async function run(
	pipeline: { deps: RunDeps; running: Running },
	rawPrompt: string,
	options: RunOptions,
): Promise<PlaylistResult> {
	const { deps, running } = pipeline;
	const prompt = checkPrompt(rawPrompt);
	const length = checkLength(options.length);
	const minutes = options.minutes === undefined ? undefined : checkMinutes(options.minutes);
	const key = cacheKey(prompt, length, deps.llm.model, minutes);
	if (!options.fresh) {
		const cached = await deps.cache.get(key);
		if (cached) return cached;
		const joined = running.get(key);
		if (joined) {
			joined.listeners.add(options.onProgress);
			return joined.result;
		}
	}
	const listeners = new Set([options.onProgress]);
	const job = { prompt, length, minutes, key, listeners, notAfter: options.notAfter };
	const result = runOnce(deps, job, options.fresh === true).finally(() => {
		if (running.get(key)?.result === result) running.delete(key);
	});
	running.set(key, { result, listeners });
	return result;
}

export function createPlaylistPipeline(deps: PipelineDeps): Pipeline {
	// Identical prompts in flight share one run (and its progress) instead of a thundering herd.
	const running: Running = new Map();
	const generation = createGenerateDeps(deps);
	return {
		run: (prompt, options) => run({ deps: generation, running }, prompt, options),
		refine: (base, instruction, options = {}) => {
			const onQueued = (ahead: number) => options.onProgress?.({ stage: 'refine', queued: ahead + 1 });
			options.onProgress?.({ stage: 'refine' });
			// A personal list holds the listener's own tracks: the LLM sees only its own suggestions, as it wrote them.
			const revising = base.personal ? { ...generation, spotifyContext: false } : generation;
			const wait = { onQueued, notAfter: options.notAfter };
			return refinePlaylist(revising, base, checkInstruction(instruction), wait, options);
		},
		removeTracks: (base, trackIds, options) => removeTracks(generation, base, trackIds, options),
		forget: async (prompt, length, minutes) => {
			await deps.cache.delete(cacheKey(prompt, length, deps.llm.model, minutes));
		},
	};
}
