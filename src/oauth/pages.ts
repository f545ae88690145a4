import { createHash } from 'node:crypto';
import type { Framing, PageText } from '../errorText/errorKind.js';
import { LINK_AGAIN_HINT, spotifyRefusedPage } from '../errorText/errorKinds.js';

// The few pages a browser sees after Spotify's consent screen: small, self-contained HTML with one <style>
// block (allowed by its hash in the CSP), no scripts, no external assets. Every dynamic text is escaped.

export type PageTone = 'success' | 'info' | 'error';

export interface Page {
	status: number;
	html: string;
}

export const PAGE_STYLE = [
	':root{color-scheme:light dark;--bg:#f6f7f8;--card:#fff;--text:#1b1b1b;--muted:#454545;--success:#137333;--error:#b3261e;--info:#1a4f9c}',
	'@media (prefers-color-scheme:dark){:root{--bg:#121212;--card:#1e1e1e;--text:#f2f2f2;--muted:#c8c8c8;--success:#5dd47f;--error:#ff8a80;--info:#8ab4f8}}',
	'*{box-sizing:border-box}',
	'body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
	'main{max-width:34rem;margin:1.5rem;padding:2rem 2.25rem;background:var(--card);border-radius:12px;border-top:6px solid var(--tone);box-shadow:0 2px 12px rgb(0 0 0 / .12)}',
	'main.success{--tone:var(--success)}main.info{--tone:var(--info)}main.error{--tone:var(--error)}',
	'h1{margin:0 0 .75rem;font-size:1.5rem;line-height:1.3;color:var(--tone)}',
	'p{margin:.5rem 0}p.hint{color:var(--muted)}code{font-size:.95em}',
	'form{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0 .5rem}',
	'button{font:inherit;padding:.55rem 1.3rem;border-radius:8px;border:2px solid var(--tone);background:var(--card);color:var(--text);cursor:pointer}',
	'button.primary{background:var(--tone);color:var(--card);font-weight:600}button:focus-visible{outline:3px solid var(--text);outline-offset:2px}',
].join('\n');

/** The CSP source that allows exactly PAGE_STYLE and no other inline style. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** `html` parts (paragraphs, form, hint) are trusted markup; pass user or Spotify text through escapeHtml first. */
export function renderPage(
	status: number,
	page: { tone: PageTone; title: string; paragraphs: string[]; form?: string; hint: string },
): Page {
	const html = [
		'<!doctype html>',
		'<html lang="en">',
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="robots" content="noindex">',
		`<title>${escapeHtml(page.title)} · promptlist</title>`,
		`<style>${PAGE_STYLE}</style></head>`,
		`<body><main class="${page.tone}">`,
		`<h1>${escapeHtml(page.title)}</h1>`,
		...page.paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
		...(page.form ? [page.form] : []),
		`<p class="hint">${page.hint}</p>`,
		'</main></body></html>',
	].join('\n');
	return { status, html };
}

/** Text from Spotify or the URL is escaped; the wording around it is trusted. */
export const PAGE_FRAMING: Framing = {
	quote: (text) => `“${escapeHtml(text)}”`,
	code: (text) => `<code>${escapeHtml(text)}</code>`,
};

/** A failure explained by the error table (src/errorText/errorKinds.ts). */
export function errorPage(text: PageText): Page {
	return renderPage(text.status, { tone: 'error', ...text });
}

export function linkedPage(account: { spotifyUserId: string; displayName: string }): Page {
	const name = escapeHtml(account.displayName);
	const id = escapeHtml(account.spotifyUserId);
	return renderPage(200, {
		tone: 'success',
		title: 'Spotify account linked',
		paragraphs: [`promptlist will save playlists to the Spotify account <strong>${name}</strong> (${id}).`],
		hint: 'You can close this tab and go back to Discord.',
	});
}

export function deniedPage(): Page {
	return renderPage(200, {
		tone: 'info',
		title: 'Linking cancelled',
		paragraphs: ['You did not give promptlist access to Spotify, so nothing was linked or stored.'],
		hint: 'You can close this tab. Run <code>/link-spotify</code> in Discord whenever you want to try again.',
	});
}

export function invalidStatePage(): Page {
	return renderPage(400, {
		tone: 'error',
		title: 'This link has expired',
		paragraphs: ['This sign-in link is unknown, older than 10 minutes, or was already used. Nothing was linked.'],
		hint: LINK_AGAIN_HINT,
	});
}

/** `spotifyError`: an OAuth 2.0 error code Spotify sent, or null when it sent no code or something unknown. */
export function failedPage(spotifyError: string | null): Page {
	if (spotifyError !== null) return errorPage(spotifyRefusedPage(spotifyError, PAGE_FRAMING));
	return renderPage(400, {
		tone: 'error',
		title: 'Spotify did not authorize the link',
		paragraphs: ['Spotify sent the browser back without an authorization. Nothing was linked.'],
		hint: LINK_AGAIN_HINT,
	});
}

export function tooManyRequestsPage(): Page {
	return renderPage(429, {
		tone: 'error',
		title: 'Too many attempts',
		paragraphs: ['This page was opened too often in a short time.'],
		hint: 'Wait a few minutes, then run <code>/link-spotify</code> in Discord again.',
	});
}

export function notFoundPage(): Page {
	return renderPage(404, {
		tone: 'info',
		title: 'Nothing here',
		paragraphs: ['This server only finishes linking Spotify accounts to promptlist.'],
		hint: 'Run <code>/link-spotify</code> in Discord to start.',
	});
}

export function serverErrorPage(reference: string): Page {
	return renderPage(500, {
		tone: 'error',
		title: 'Something went wrong',
		paragraphs: [`Linking could not be finished. Reference: <code>${escapeHtml(reference)}</code>.`],
		hint: LINK_AGAIN_HINT,
	});
}
