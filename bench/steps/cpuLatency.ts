import type { BenchEnvironment } from '../environment.js';
import { nextUserId, sendPlaylist, timePlaylist } from '../playlistTiming.js';
import { CPU_OLLAMA_LATENCY, LATENCY, PLAYLIST_LENGTH } from '../settings.js';

// Cache-miss playlists with the LLM as slow as a 7B model on a laptop's CPU: when the seeds show, and when the final
// reply comes, minutes of LLM time later.

export interface CpuRun {
	firstTracksMs: number;
	finalMs: number;
	/** The final reply says the LLM failed (here: its timeout), so the figure would not be a full run's. */
	degraded: boolean;
}

// The refine answer alone takes most of a minute here.
const CPU_PLAYLIST_TIMEOUT_MS = 180_000;

export async function measureCpuLatency(env: BenchEnvironment, prompts: readonly string[]): Promise<CpuRun[]> {
	const { ollama } = env.upstreams;
	ollama.setLatency(CPU_OLLAMA_LATENCY);
	try {
		const runs: CpuRun[] = [];
		for (const prompt of prompts) {
			const handle = sendPlaylist(env.discord, { prompt, length: PLAYLIST_LENGTH, userId: nextUserId() });
			const { firstTracksMs, finalMs, finalBody } = await timePlaylist(handle, CPU_PLAYLIST_TIMEOUT_MS);
			const content = (finalBody as { content?: unknown } | undefined)?.content;
			runs.push({ firstTracksMs, finalMs, degraded: typeof content === 'string' && content.startsWith('⚠️') });
		}
		return runs;
	} finally {
		ollama.setLatency(LATENCY.ollama);
	}
}
