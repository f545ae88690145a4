import type { MemoryUsage } from './protocol.js';
import type { CacheBatch } from './steps/cacheHit.js';
import type { CriticalRun } from './steps/criticalPath.js';
import type { LoadRun } from './steps/load.js';
import type { ShardComparison } from './steps/shards.js';

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
