import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipelineServices } from '../../../src/wiring/pipelineServices.js';
import { suggestionCount } from '../../../src/services/pipeline/generatePlaylist.js';
import { LENGTH_MAX } from '../../../src/services/pipeline/requestChecks.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import type { ChatRequestBody } from '../../../standins/ollama.js';
import { tokens } from '../../../standins/ollama/text.js';
import { captureLogger, pipelineConfig, startUpstreams, type Upstreams } from '../../../standins/upstreams.js';

// The refine call's output cap (num_predict), against a stand-in that stops where Ollama would: at the longest
// playlist, every suggestion asked for fits, so none is lost to the cap.

let upstreams: Upstreams;
let store: Store;

beforeEach(async () => {
	upstreams = await startUpstreams();
});

afterEach(async () => {
	await store.close();
	await upstreams.close();
});

const isSuggestions = (body: ChatRequestBody) =>
	typeof body.format === 'object' && 'suggestions' in ((body.format.properties as object | undefined) ?? {});

describe('refine output cap', () => {
	it(`fits all ${suggestionCount(LENGTH_MAX)} suggestions of a ${LENGTH_MAX}-track playlist`, async () => {
		const config = pipelineConfig(upstreams);
		store = await createStore(config.databaseUrl);
		const { pipeline } = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
		const result = await pipeline.run('upbeat k-pop for a long drive', { length: LENGTH_MAX });

		const index = upstreams.ollama.chatRequests.findIndex(isSuggestions);
		const cap = upstreams.ollama.chatRequests[index]?.options?.num_predict;
		const answer = upstreams.ollama.answers[index];
		expect(cap).toBe(60 * suggestionCount(LENGTH_MAX) + 40);
		expect(answer?.doneReason).toBe('stop');
		expect(answer?.tracks).toHaveLength(suggestionCount(LENGTH_MAX));
		expect(tokens(answer?.content.length ?? Infinity)).toBeLessThan(Number(cap));
		expect(result.degraded).toBeNull();
	});
});
