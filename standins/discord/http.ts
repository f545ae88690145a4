import type { IncomingMessage } from 'node:http';
import type { RecordedRequest, StandinMessage } from './types.js';

// HTTP plumbing for the Discord stand-in's REST side: reading bodies (JSON or discord.js's multipart uploads) and
// building replies in Discord's error format.

export interface Reply {
	status: number;
	body?: unknown;
	/** A body sent as is (files), instead of `body` as JSON. */
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface ParsedBody {
	body: unknown;
	files: RecordedRequest['files'];
	invalid: boolean;
}

export function json(status: number, body: unknown): Reply {
	return { status, body };
}

export function discordError(status: number, message: string, code: number): Reply {
	return json(status, { message, code });
}

// Replies are never mutated, so the common errors can be shared.
export const UNKNOWN_INTERACTION = discordError(404, 'Unknown interaction', 10062);
export const UNKNOWN_WEBHOOK = discordError(404, 'Unknown Webhook', 10015);
export const UNKNOWN_MESSAGE = discordError(404, 'Unknown Message', 10008);
export const INVALID_WEBHOOK_TOKEN = discordError(401, 'Invalid Webhook Token', 50027);
export const MISSING_ACCESS = discordError(403, 'Missing Access', 50001);

export function isReply(value: StandinMessage | Reply): value is Reply {
	return 'status' in value;
}

export function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function parseBody(raw: Buffer, contentType = ''): ParsedBody {
	if (raw.length === 0) return { body: undefined, files: [], invalid: false };
	if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
	try {
		return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [], invalid: false };
	} catch {
		return { body: raw.toString('utf8'), files: [], invalid: true };
	}
}

// discord.js sends files as multipart with the JSON in `payload_json`; keep the JSON and the files' names and sizes.
function parseMultipart(raw: Buffer, contentType: string): ParsedBody {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	const parsed: ParsedBody = { body: undefined, files: [], invalid: false };
	if (!boundary) return { ...parsed, invalid: true };
	const parts = raw.toString('latin1').split(`--${boundary[1] ?? boundary[2] ?? ''}`);
	for (const part of parts) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		const headers = part.slice(0, split);
		const content = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
		const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
		const filename = /filename="([^"]*)"/.exec(headers)?.[1];
		if (filename !== undefined) parsed.files.push({ name, filename, size: content.length });
		else if (name === 'payload_json') parsed.body = JSON.parse(content.toString('utf8')) as unknown;
	}
	return parsed;
}
