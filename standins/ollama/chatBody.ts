import type { ChatRequestBody } from './types.js';

// What a chat request asks for: the body cleaned into a ChatRequestBody, the text the fake model reacts to, and the
// schema used when the request only says `format: 'json'`.

export const SUGGESTIONS_SCHEMA = {
	type: 'object',
	properties: {
		suggestions: {
			type: 'array',
			maxItems: 20,
			items: {
				type: 'object',
				properties: { title: { type: 'string' }, artist: { type: 'string' }, reason: { type: 'string' } },
				required: ['title', 'artist', 'reason'],
			},
		},
	},
	required: ['suggestions'],
};

export function lastUserText(body: ChatRequestBody): string {
	return body.messages.findLast((m) => m.role === 'user')?.content ?? '';
}

export function toChatBody(raw: unknown): ChatRequestBody | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const body = raw as Partial<ChatRequestBody>;
	if (typeof body.model !== 'string' || body.model.length === 0) return undefined;
	const messages: unknown[] = Array.isArray(body.messages) ? body.messages : [];
	const clean = messages
		.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null)
		.map((m) => ({ ...m, role: String(m.role), content: typeof m.content === 'string' ? m.content : '' }));
	return { ...body, model: body.model, messages: clean };
}
