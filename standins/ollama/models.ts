import { hash } from './text.js';

// The installed models as Ollama lists them (/api/tags, /api/ps, /api/show): fixed sizes, dates and details,
// with a digest derived from the name so it is stable across runs.

export const VERSION = '0.12.0';
const MODEL_SIZE = 4_372_824_384;
const MODIFIED_AT = '2025-09-01T10:00:00.000000000Z';
const DETAILS = {
	parent_model: '',
	format: 'gguf',
	family: 'llama',
	families: ['llama'],
	parameter_size: '7.2B',
	quantization_level: 'Q4_K_M',
};

export function canonicalModel(name: string): string {
	return name.includes(':') ? name : `${name}:latest`;
}

function fakeDigest(name: string): string {
	let hex = '';
	for (let i = 0; hex.length < 64; i++) hex += hash(`${name}#${i}`).toString(16).padStart(8, '0');
	return hex.slice(0, 64);
}

export function describeModel(model: string): Record<string, unknown> {
	const size = MODEL_SIZE;
	return { name: model, model, modified_at: MODIFIED_AT, size, digest: fakeDigest(model), details: DETAILS };
}

export function runningModel(model: string): Record<string, unknown> {
	const expires = new Date(Date.now() + 5 * 60_000).toISOString();
	return { ...describeModel(model), expires_at: expires, size_vram: MODEL_SIZE, context_length: 4096 };
}

/** /api/show's answer for an installed model. */
export function showModel(name: string): Record<string, unknown> {
	return {
		license: 'Apache License 2.0',
		modelfile: `FROM ${name}\nPARAMETER temperature 0.8`,
		parameters: 'temperature 0.8',
		template: '{{ .Prompt }}',
		details: DETAILS,
		model_info: {
			'general.architecture': 'llama',
			'general.parameter_count': 7_248_023_552,
			'llama.context_length': 32768,
		},
		capabilities: ['completion', 'tools'],
		modified_at: MODIFIED_AT,
	};
}
