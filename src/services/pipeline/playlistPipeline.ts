import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import { assemblePlaylist } from './assemblePlaylist.js';
import { CLAIM_TTL_MS, claimOrWait, withClaim } from '../store/claimOrWait.js';
import { InvalidPromptError, NothingFoundError } from '../errors.js';
import { extractAttributes } from './extractAttributes.js';
import type { Llm } from '../llm/createLlm.js';
import { normalizePrompt } from './normalize.js';
import { playlistName } from './playlistName.js';
import type { PlaylistResult, Stage } from './playlistTypes.js';
import { refineWithLlm, MAX_SUGGESTIONS, type Refinement } from './refineWithLlm.js';
import { seedTracks } from './seedTracks.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { Collection, Store } from '../store/createStore.js';

export const PROMPT_MAX_LENGTH = 300;
export const LENGTH_MIN = 5;
export const LENGTH_MAX = 50;
export const LENGTH_DEFAULT = 15;

/** What the pipeline is doing now; `queued` is the place in the LLM queue (1 = next). */
export interface PipelineProgress {
	stage: Exclude<Stage, 'assemble'>;
	queued?: number;
}

export interface RunOptions {
	length: number;
	/** Skip the cache and run again (Regenerate); the new result replaces the cached one. */
	fresh?: boolean;
	onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineDeps {
	llm: Llm;
	catalog: SpotifyCatalog;
	cache: Collection<PlaylistResult>;
	cacheTtlMs: number;
	/** Claims `run:<cache key>`, so identical prompts in flight in several processes run once. */
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	logger: Logger;
}

type Listeners = Set<RunOptions['onProgress']>;

export interface Pipeline {
	run(prompt: string, options: RunOptions): Promise<PlaylistResult>;
}

export function checkPrompt(prompt: string): string {
	const trimmed = prompt.replace(/\s+/g, ' ').trim();
	if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(trimmed)) {
		throw new InvalidPromptError('Describe the music you want, e.g. "upbeat k-pop for running".');
	}
	if (trimmed.length > PROMPT_MAX_LENGTH) {
		throw new InvalidPromptError(`Keep the description under ${PROMPT_MAX_LENGTH} characters.`);
	}
	return trimmed;
}

export function checkLength(length: number): number {
	if (!Number.isInteger(length) || length < LENGTH_MIN || length > LENGTH_MAX) {
		throw new InvalidPromptError(`The length must be a whole number from ${LENGTH_MIN} to ${LENGTH_MAX}.`);
	}
	return length;
}

export function cacheKey(prompt: string, length: number, model: string): string {
	return createHash('sha256')
		.update(`${normalizePrompt(prompt)}\n${length}\n${model}`)
		.digest('hex');
}

/** How many suggestions to ask for: the LLM's half of the list plus a margin for the ones dropped. */
export function suggestionCount(length: number): number {
	return Math.min(MAX_SUGGESTIONS, Math.ceil((Math.ceil(length / 2) * 3) / 2) + 2);
}

async function timed<T>(timings: Record<Stage, number>, stage: Stage, task: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		return await task();
	} finally {
		timings[stage] = Math.round(performance.now() - started);
	}
}

export function createPlaylistPipeline(deps: PipelineDeps): Pipeline {
	const { llm, catalog, logger } = deps;
	// Identical prompts in flight share one run (and its progress) instead of a thundering herd.
	const running = new Map<string, { result: Promise<PlaylistResult>; listeners: Listeners }>();
	const notifyAll = (listeners: Listeners) => (progress: PipelineProgress) =>
		listeners.forEach((listener) => listener?.(progress));

	async function generate(
		prompt: string,
		length: number,
		notify: (progress: PipelineProgress) => void,
	): Promise<PlaylistResult> {
		const timingsMs: Record<Stage, number> = { extract: 0, seed: 0, refine: 0, assemble: 0 };
		notify({ stage: 'extract' });
		const extraction = await timed(timingsMs, 'extract', () =>
			extractAttributes({ llm, logger }, prompt, (ahead) => notify({ stage: 'extract', queued: ahead + 1 })),
		);
		notify({ stage: 'seed' });
		const seeds = await timed(timingsMs, 'seed', () =>
			seedTracks(catalog, extraction.attributes, Math.ceil(length * 1.5)),
		);
		let refinement: Refinement = { picks: [], notFound: 0, degraded: extraction.degraded };
		if (!extraction.degraded) {
			notify({ stage: 'refine' });
			const input = { prompt, attributes: extraction.attributes, seeds, count: suggestionCount(length) };
			refinement = await timed(timingsMs, 'refine', () =>
				refineWithLlm(
					{ llm, catalog, logger },
					{ ...input, onQueued: (ahead) => notify({ stage: 'refine', queued: ahead + 1 }) },
				),
			);
		}
		const started = performance.now();
		const assembly = assemblePlaylist({ seeds, picks: refinement.picks, length });
		timingsMs.assemble = Math.round(performance.now() - started);
		if (assembly.tracks.length === 0) throw new NothingFoundError(prompt);
		return {
			name: playlistName(prompt),
			prompt,
			length,
			model: llm.model,
			attributes: extraction.attributes,
			tracks: assembly.tracks,
			degraded: refinement.degraded,
			dropped: refinement.notFound + assembly.duplicatePicks,
			timingsMs,
			createdAt: new Date().toISOString(),
		};
	}

	async function runFresh(prompt: string, length: number, key: string, listeners: Listeners) {
		const runId = randomUUID().slice(0, 8);
		const started = performance.now();
		const result = await generate(prompt, length, notifyAll(listeners));
		// A degraded result is not cached: the next try should use the LLM again once it is back.
		if (!result.degraded) await deps.cache.set(key, result, deps.cacheTtlMs);
		logger.info(
			{
				runId,
				ms: Math.round(performance.now() - started),
				tracks: result.tracks.length,
				dropped: result.dropped,
				degraded: result.degraded,
				timingsMs: result.timingsMs,
			},
			'playlist generated',
		);
		return result;
	}

	/** The in-process join covers one process; the store's claim covers the others, which wait for the cache. */
	async function runOnce(prompt: string, length: number, key: string, listeners: Listeners, fresh: boolean) {
		const claim = { store: deps.claims, key: `run:${key}`, ttlMs: CLAIM_TTL_MS, logger };
		if (fresh) {
			// Regenerate runs at once; still claimed when free, so other processes asking the same wait for it.
			if (!(await claim.store.claim(claim.key, claim.ttlMs))) return runFresh(prompt, length, key, listeners);
		} else {
			const onWait = () => notifyAll(listeners)({ stage: 'extract' });
			const outcome = await claimOrWait({ ...claim, find: () => deps.cache.get(key), onWait });
			if (!outcome.claimed) return outcome.found;
		}
		return withClaim(claim, () => runFresh(prompt, length, key, listeners));
	}

	return {
		async run(rawPrompt, options) {
			const prompt = checkPrompt(rawPrompt);
			const length = checkLength(options.length);
			const key = cacheKey(prompt, length, llm.model);
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
			const result = runOnce(prompt, length, key, listeners, options.fresh === true).finally(() => {
				if (running.get(key)?.result === result) running.delete(key);
			});
			running.set(key, { result, listeners });
			return result;
		},
	};
}
