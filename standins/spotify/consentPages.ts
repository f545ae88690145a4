import type { Response } from 'express';
import type { ConsentRequest, Context } from './context.js';

// The HTML a user sees at /authorize: the consent page (Agree / Cancel) and error pages, kept bare so browser-less
// tests can find the buttons by id.

const PAGE_HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>Spotify stand-in</title></head><body>';

export function sendPage(res: Response, status: number, html: string): void {
	res.status(status).type('html').send(html);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function errorPage(message: string): string {
	return `${PAGE_HEAD}<h1 id="error">${escapeHtml(message)}</h1></body></html>`;
}

export function consentPage(ctx: Context, requestId: string, request: ConsentRequest): string {
	const user = ctx.users.find((candidate) => candidate.id === request.userId);
	const scopes = request.scope.split(' ').filter(Boolean);
	const form = (decision: string, label: string): string =>
		'<form method="post" action="/authorize/decision">' +
		`<input type="hidden" name="request_id" value="${escapeHtml(requestId)}">` +
		`<input type="hidden" name="decision" value="${decision}">` +
		`<button id="${decision}" type="submit">${label}</button></form>`;
	return [
		PAGE_HEAD,
		`<h1>Connect to Spotify</h1><p id="user">Logged in as ${escapeHtml(user?.display_name ?? request.userId)}</p>`,
		`<p>The app wants to:</p><ul id="scopes">${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>`,
		form('accept', 'Agree'),
		form('deny', 'Cancel'),
		'</body></html>',
	].join('');
}
