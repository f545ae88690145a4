// Ollama HTTP API stand-in for tests and benches: real HTTP on 127.0.0.1, seeded content-aware answers that satisfy
// the request's JSON schema, configurable latency, injectable faults and request recording.
// A facade: the parts live in ollama/ (server, chat, composer, trackPicker, chatStream, models, ...).

export { startOllamaStandin } from './ollama/server.js';
export type {
	ChatAnswer,
	ChatMessage,
	ChatRequestBody,
	ChatResponder,
	OllamaFault,
	OllamaLatency,
	OllamaStandin,
	OllamaStandinOptions,
	OllamaTotals,
	PickedTrack,
	PoolTrack,
	RecordedRequest,
} from './ollama/types.js';
