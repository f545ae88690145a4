import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { sendText, sleep, write } from './http.js';
import { tokenPieces, tokens } from './text.js';
import type { ChatAnswer } from './types.js';

// Sends a chat answer the way Ollama does: one JSON body, or NDJSON frames of ≈ 4 characters paced per token, with
// the final stats frame; the `cut` fault drops the connection part-way.

export interface SendOptions {
	promptTokens: number;
	latency: { firstTokenMs: number; perTokenMs: number };
	cut: { fraction?: number | undefined } | null;
	signal: AbortSignal;
}

function chatFrame(answer: ChatAnswer, content: string): Record<string, unknown> {
	const message = { role: 'assistant', content };
	return { model: answer.model, created_at: new Date().toISOString(), message, done: false };
}

function finalStats(answer: ChatAnswer, options: SendOptions, startedAt: number): Record<string, unknown> {
	const ns = (ms: number): number => Math.round(ms * 1e6);
	const evalCount = tokens(answer.content.length);
	return {
		done: true,
		done_reason: answer.doneReason,
		total_duration: ns(performance.now() - startedAt),
		load_duration: ns(1),
		prompt_eval_count: options.promptTokens,
		prompt_eval_duration: ns(options.latency.firstTokenMs),
		eval_count: evalCount,
		eval_duration: ns(evalCount * options.latency.perTokenMs),
	};
}

export async function sendWhole(res: ServerResponse, answer: ChatAnswer, options: SendOptions): Promise<void> {
	const startedAt = performance.now();
	const { firstTokenMs, perTokenMs } = options.latency;
	if (!(await sleep(firstTokenMs + tokens(answer.content.length) * perTokenMs, options.signal))) return;
	const text = JSON.stringify({ ...chatFrame(answer, answer.content), ...finalStats(answer, options, startedAt) });
	if (!options.cut) return sendText(res, 200, text, 'application/json; charset=utf-8');
	// Announce the full length, send half, then drop the connection: the client sees a truncated body.
	const bytes = Buffer.from(text);
	res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
	await write(res, bytes.subarray(0, Math.floor(bytes.length / 2)), options.signal);
	res.destroy();
}

export async function sendStream(res: ServerResponse, answer: ChatAnswer, options: SendOptions): Promise<void> {
	const startedAt = performance.now();
	const { firstTokenMs, perTokenMs } = options.latency;
	if (!(await sleep(firstTokenMs, options.signal))) return;
	res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
	const pieces = tokenPieces(answer.content);
	const cutAt = options.cut ? Math.floor(pieces.length * (options.cut.fraction ?? 0)) || 2 : -1;
	for (const [index, piece] of pieces.entries()) {
		if (index === cutAt) return void res.destroy();
		// Pace against the start time, so timer drift does not add up over hundreds of tokens.
		const due = startedAt + firstTokenMs + index * perTokenMs - performance.now();
		if (index > 0 && !(await sleep(due, options.signal))) return;
		if (!(await write(res, `${JSON.stringify(chatFrame(answer, piece))}\n`, options.signal))) return;
	}
	if (options.cut) return void res.destroy();
	res.end(`${JSON.stringify({ ...chatFrame(answer, ''), ...finalStats(answer, options, startedAt) })}\n`);
}
