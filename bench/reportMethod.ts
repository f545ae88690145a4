import { npmScriptNodeFlags } from '../standins/npmScriptFlags.js';
import type { BenchResults } from './benchResults.js';
import { formatValue } from './format.js';
import { shardMethod } from './reportShards.js';
import {
	BOT_DEFAULTS,
	CRITICAL_RUNS,
	LATENCY,
	LOAD_OLLAMA_LATENCY,
	LOAD_USERS,
	PLAYLIST_LENGTH,
	SEED,
} from './settings.js';

// The "How it was measured" section of results.md: setup, injected latency and what each step does.

export function describeMethod({ warmUpMs, shards }: BenchResults): string {
	const { ollama, spotify } = LATENCY;
	const { progressIntervalMs, ollamaConcurrency, ollamaTimeoutMs } = BOT_DEFAULTS;
	return [
		'## How it was measured',
		'',
		`- The real bot (\`start(config)\` from \`src/app.ts\`) runs in its own Node process, compiled by tsc and run by plain node with the flags \`npm start\` gives it (\`${npmScriptNodeFlags('start').join(' ')}\`; tsx's loader alone would add ~30 MB of RSS), against the Discord, Spotify and Ollama stand-ins in the bench process, all on 127.0.0.1. So the stand-ins' CPU time is not the bot's, and the RSS is the bot's (plus the idle naive reference's few objects).`,
		`- The bot keeps its real defaults: progress edits at most every ${progressIntervalMs} ms, ${ollamaConcurrency} LLM slots, a ${ollamaTimeoutMs / 1000} s LLM timeout. Logging is off (a \`silent\` pino logger, as \`LOG_LEVEL=silent\`) so writing lines does not distort timings.`,
		`- Injected latency, seeded (${SEED}): Ollama answers after ${ollama.firstTokenMs} ms to the first token plus ${ollama.perTokenMs} ms per token of its answer (≈ 4 characters), no jitter; Spotify answers every request after ${spotify.latencyMs} ms plus a uniform 0–${spotify.jitterMs} ms.`,
		`- Unavoidable waits per playlist: the extract and refine answers' times as the stand-in paced them (first token + tokens of the recorded answer × per-token time) plus two Spotify round-trips at their mean (${spotify.latencyMs + spotify.jitterMs / 2} ms), one for the seed searches and one for the last verification. None of the bot's own timings go in.`,
		`- Steps 1–2: ${CRITICAL_RUNS} distinct prompts, ${PLAYLIST_LENGTH} tracks each, one at a time, timed from the Discord stand-in dispatching the interaction to the edit that carries the playlist. After each, the naive reference makes the same prompt in the bot's process from the bot's own services (\`extractAttributes\`, \`seedTracks\`, \`refineWithLlm\`, \`assemblePlaylist\`), but with one Spotify search at a time and the LLM's whole suggestion list awaited before its suggestions are checked one by one. It skips Discord, which favours it slightly. The first playlist after boot (${formatValue(warmUpMs, 'ms')}: loading code, fetching the Spotify app token) is not counted.`,
		`- Step 3: the first playlist's prompt again, one request after another, a new user each. Step 4: ${LOAD_USERS} new users with distinct prompts dispatched together; here Ollama answers after ${LOAD_OLLAMA_LATENCY.firstTokenMs} ms + ${LOAD_OLLAMA_LATENCY.perTokenMs} ms per token (a small model on a GPU), because at the step-1 latency ${ollamaConcurrency} LLM slots would need ~100 s per run. Step 5 counts the step-1 bot runs from the stand-ins' records and reads the bot process's RSS after each load run.`,
		shardMethod(shards),
	].join('\n');
}
