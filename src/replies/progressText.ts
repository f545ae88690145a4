import type { PipelineProgress } from '../services/pipeline/playlistTypes.js';

const STAGE_TEXT: Record<PipelineProgress['stage'], string> = {
	extract: '🎧 Reading your prompt…',
	seed: '🔎 Finding tracks…',
	refine: '✅ Checking suggestions…',
};

export function progressText(progress: PipelineProgress): string {
	if (progress.queued) {
		return `⏳ The LLM is busy: you are #${progress.queued} in line…`;
	}
	return STAGE_TEXT[progress.stage];
}
