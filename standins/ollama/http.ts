import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

// Wire helpers for the Ollama stand-in: reading bodies, writing JSON or text, and waits that end early when the
// client goes away.

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export function parseBody(text: string): unknown {
	if (text.length === 0) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** Resolves false when the request died meanwhile (client gone or stand-in closed). */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	if (ms <= 0) return true;
	try {
		await delay(ms, undefined, { signal });
		return true;
	} catch {
		return false;
	}
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
	sendText(res, status, JSON.stringify(payload), 'application/json; charset=utf-8');
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

/** Resolves true once the bytes reached the socket (so a following destroy() cannot swallow them), false if aborted. */
export async function write(res: ServerResponse, text: string | Buffer, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	return await new Promise<boolean>((resolve) => {
		const onAbort = (): void => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
		res.write(text, () => {
			signal.removeEventListener('abort', onAbort);
			resolve(true);
		});
	});
}
