import type { MemoryUsage } from './botProcessClient.js';
import type { CacheBatch } from './steps/cacheHit.js';
import type { CriticalRun } from './steps/criticalPath.js';
import type { LoadRun, ShardComparison } from './steps/load.js';

/** Everything one `npm run bench` measured, as results.md is written from it. */
export interface BenchResults {
	critical: CriticalRun[];
	cache: CacheBatch[];
	load: LoadRun[];
	shards: ShardComparison;
	warmUpMs: number;
	bootMemory: MemoryUsage;
	runtimeMs: number;
	machine: string;
}
