import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineConfig } from '../src/config.js';
import type { Logger } from '../src/log.js';
import { assemblePlaylist } from '../src/services/pipeline/assemblePlaylist.js';
import { createPipelineServices } from '../src/wiring/pipelineServices.js';
import { extractAttributes } from '../src/services/pipeline/extractAttributes.js';
import { createLeaseQueue } from '../src/services/llm/leaseQueue.js';
import type { Llm, StructuredRequest } from '../src/services/llm/createLlm.js';
import { suggestionCount } from '../src/services/pipeline/generatePlaylist.js';
import { refineWithLlm } from '../src/services/pipeline/refineWithLlm.js';
import { seedTracks } from '../src/services/pipeline/seedTracks.js';
import { createVerify } from '../src/services/pipeline/verifiedSuggestions.js';
import type { SpotifyCatalog } from '../src/services/spotify/catalog.js';
import { createStore } from '../src/services/store/createStore.js';
import type { NaiveOutcome } from './botProcessClient.js';

// The naive design, built from the bot's own services: every Spotify search waits for the one before (seed pages
// and suggestion checks alike), and the LLM's suggestions are checked only once its whole answer is in.

// Only a finished search frees the place, and it pumps the queue itself: nothing to poll for.
const NEVER_POLLED_MS = 0;

export interface NaiveReference {
	run(prompt: string, length: number): Promise<NaiveOutcome>;
	close(): Promise<void>;
}

/** One search at a time, in call order: the bot's own FIFO queue, with a single place. */
function oneSearchAtATime(catalog: SpotifyCatalog): SpotifyCatalog {
	let searching = false;
	const queue = createLeaseQueue<undefined, true>(() => {
		if (searching) return Promise.resolve({ pollSoon: false });
		searching = true;
		return Promise.resolve({ lease: true });
	}, NEVER_POLLED_MS);
	return {
		...catalog,
		async searchTracks(query, page) {
			await queue.acquire(undefined);
			try {
				return await catalog.searchTracks(query, page);
			} finally {
				searching = false;
				queue.pump();
			}
		},
	};
}

/** The items of an answer's first array, as the streaming client would have handed them over. */
function firstArray(value: unknown): unknown[] {
	if (typeof value !== 'object' || value === null) return [];
	return Object.values(value).find((entry): entry is unknown[] => Array.isArray(entry)) ?? [];
}

/** Never streams: asks for the whole answer, then hands its items over in one go. */
function wholeAnswers(llm: Llm): Llm {
	return {
		...llm,
		async structured<T>({ onItem, ...request }: StructuredRequest<T>): Promise<T> {
			const answer = await llm.structured(request);
			if (onItem) firstArray(answer).forEach(onItem);
			return answer;
		},
	};
}

export async function createNaiveReference(config: PipelineConfig, logger: Logger): Promise<NaiveReference> {
	// Its own database: the reference never caches, but the services it is built from want one.
	const store = await createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), 'promptlist-naive-')), 'naive.sqlite')}`);
	const services = createPipelineServices(config, store, { logger });
	const llm = wholeAnswers(services.llm);
	const catalog = oneSearchAtATime(services.catalog);
	// The bot's app token is fetched once and kept for an hour; fetch the reference's before timing too.
	await catalog.checkCredentials();
	return {
		async run(prompt, length) {
			const started = performance.now();
			const { attributes, degraded } = await extractAttributes({ llm, logger }, prompt);
			// The same number of seeds the pipeline asks for.
			const seeds = await seedTracks(catalog, attributes, Math.ceil(length * 1.5));
			const input = { prompt, attributes, seeds, count: suggestionCount(length) };
			const refinement = degraded
				? { picks: [], degraded }
				: await refineWithLlm({ llm, verify: createVerify(catalog), logger }, input);
			const { tracks } = assemblePlaylist({ seeds, picks: refinement.picks, length });
			return { ms: performance.now() - started, tracks: tracks.length, degraded: refinement.degraded };
		},
		close: () => store.close(),
	};
}
