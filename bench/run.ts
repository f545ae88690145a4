import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { startBenchEnvironment, type BenchEnvironment } from './environment.js';
import { renderResults } from './report.js';
import type { BenchResults } from './reportFigures.js';
import {
	CACHE_BATCHES,
	CPU_RUNS,
	CRITICAL_RUNS,
	LOAD_RUNS,
	LOAD_USERS,
	MIXED_PROMPTS,
	RESULTS_PATH,
	SHARD_USERS,
	createPromptSource,
} from './settings.js';
import { measureCacheBatch } from './steps/cacheHit.js';
import { measureCpuLatency } from './steps/cpuLatency.js';
import { measureCriticalPath, warmUp } from './steps/criticalPath.js';
import { measureLoad, measureShards } from './steps/load.js';
import { measureMixedWorkload } from './steps/mixedWorkload.js';
import { measureStartup } from './steps/startup.js';

// `npm run bench`: boots the bot against seeded stand-ins, measures the figures of the benchmark issues (timings,
// time to first tracks, cache hits, load, what a playlist costs upstream, memory), the scaling issue's one-process-
// versus-two-shards comparison and how long `npm start` takes to a ready bot, and writes them to bench/results.md
// (README.md says what they mean). Kept out of the test suite: it takes minutes and its figures depend on the machine.

function machine(): string {
	const cores = cpus();
	return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

async function measure(env: BenchEnvironment, started: number): Promise<BenchResults> {
	const prompts = createPromptSource(env.upstreams.catalog.genres);
	const [cachedPrompt = ''] = prompts.take(1);
	const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
	log('warm-up playlist');
	const warmUpMs = await warmUp(env, cachedPrompt);
	log(`1–3. critical path, first tracks and naive reference, ${CRITICAL_RUNS} prompts`);
	const critical = await measureCriticalPath(env, prompts.take(CRITICAL_RUNS));
	log(`2. first tracks at a CPU-like LLM, ${CPU_RUNS} prompts (over a minute each)`);
	const cpu = await measureCpuLatency(env, prompts.take(CPU_RUNS));
	log(`4. cache hits, ${CACHE_BATCHES} batches`);
	const cache = [];
	for (let batch = 0; batch < CACHE_BATCHES; batch++) cache.push(await measureCacheBatch(env, cachedPrompt));
	const load = [];
	for (let run = 0; run < LOAD_RUNS; run++) {
		log(`5, 8. load run ${run + 1} of ${LOAD_RUNS}, ${LOAD_USERS} users`);
		load.push(await measureLoad(env, prompts.take(LOAD_USERS)));
	}
	log(`6–7. mixed workload: ${MIXED_PROMPTS} prompts in a row on a fresh store`);
	const mixed = await measureMixedWorkload(env, MIXED_PROMPTS);
	log(`9. ${SHARD_USERS} users: one process over SQLite, then two shard processes over Redis`);
	const shards = await measureShards(env, { warmUp: prompts.take(2), load: prompts.take(SHARD_USERS) });
	log('10. npm start → bot ready, with nothing changed and after a change');
	const startup = await measureStartup(env);
	return {
		critical,
		cpu,
		cache,
		load,
		mixed,
		shards,
		startup,
		warmUpMs,
		bootMemory: env.bootMemory,
		runtimeMs: performance.now() - started,
		machine: machine(),
	};
}

async function main(): Promise<void> {
	const started = performance.now();
	const env = await startBenchEnvironment();
	try {
		const markdown = renderResults(await measure(env, started));
		await writeFile(RESULTS_PATH, markdown);
		console.log(markdown);
	} finally {
		await env.close();
	}
}

await main();
