import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipelineServices, type PipelineServices } from '../../../src/wiring/pipelineServices.js';
import { createStore, type Store } from '../../../src/services/store/createStore.js';
import { captureLogger, pipelineConfig, startUpstreams, type Upstreams } from '../../../standins/upstreams.js';

// How often a scene prompt's tracks come from that scene, on the stand-ins' catalog: a track counts when its lead
// artist belongs to the scene (the catalog knows every artist's scene and language). README's table comes from here:
// SCENE_REPORT=1 prints it.

const PROMPTS: [prompt: string, scene: string][] = [
	['French rap', 'rap français'],
	['J-pop', 'j-pop'],
	['Bollywood', 'filmi'],
	['música mexicana', 'musica mexicana'],
	['K-pop ballads', 'k-ballad'],
	['chanson française', 'chanson'],
	['Brazilian MPB', 'mpb'],
	['Deutschrap', 'deutschrap'],
	['Italian pop', 'italian pop'],
	['Japanese city pop', 'city pop'],
];
const LENGTH = 20;

let upstreams: Upstreams;
let store: Store;
let services: PipelineServices;
const rows: string[] = [];

beforeAll(async () => {
	upstreams = await startUpstreams();
	const config = pipelineConfig(upstreams);
	store = await createStore(config.databaseUrl);
	services = createPipelineServices(config, store, { logger: captureLogger('silent').logger });
});

afterAll(async () => {
	if (process.env.SCENE_REPORT)
		console.log(['| Prompt | Scene | From the scene | Sung in its language |', ...rows].join('\n'));
	await store.close();
	await upstreams.close();
});

describe('scene prompts', () => {
	it.each(PROMPTS)('"%s" is mostly %s', async (prompt, scene) => {
		const { tracks } = await services.pipeline.run(prompt, { length: LENGTH });
		const found = tracks.map((track) => upstreams.catalog.findTrack(track.id));
		const language = upstreams.catalog.tracksByGenre(scene)[0]?.language;
		const fromScene = found.filter((track) => track?.genre === scene).length;
		const sungIn = found.filter((track) => track?.language === language).length;
		rows.push(`| ${prompt} | ${scene} | ${fromScene}/${tracks.length} | ${sungIn}/${tracks.length} |`);
		expect(tracks).toHaveLength(LENGTH);
		expect(fromScene / tracks.length).toBeGreaterThanOrEqual(0.8);
	});
});
