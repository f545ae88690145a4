import type { PendingLink } from '../services/linking/linkFlow.js';
import { escapeHtml, renderPage, type Page } from './pages.js';

// The step between Spotify's consent and storing the link: the person in the browser sees which Spotify account
// goes to which Discord user, and only **Link** stores it. So a link sent to someone else cannot silently tie their
// Spotify account to the sender's Discord account. A plain form, no script; the token in it works once.

export const CONFIRM_FIELD = 'confirm';
export const DECISION_FIELD = 'decision';

export function confirmPage(pending: PendingLink, action: string): Page {
	const spotify = `<strong>${escapeHtml(pending.account.displayName)}</strong> (${escapeHtml(pending.account.spotifyUserId)})`;
	const discord = `<strong>${escapeHtml(pending.discordUser.name)}</strong> (@${escapeHtml(pending.discordUser.handle)})`;
	const form = [
		`<form method="post" action="${escapeHtml(action)}">`,
		`<input type="hidden" name="${CONFIRM_FIELD}" value="${escapeHtml(pending.token)}">`,
		`<button class="primary" type="submit" name="${DECISION_FIELD}" value="link">Link</button>`,
		`<button type="submit" name="${DECISION_FIELD}" value="cancel">Not me</button>`,
		'</form>',
	].join('\n');
	return renderPage(200, {
		tone: 'info',
		title: 'Link these accounts?',
		paragraphs: [
			`Link the Spotify account ${spotify} to the Discord user ${discord}?`,
			'promptlist will then save that Discord user’s playlists into this Spotify account. If you are not that Discord user, choose <strong>Not me</strong>.',
		],
		form,
		hint: 'This choice works once, for 10 minutes.',
	});
}

export function nothingLinkedPage(): Page {
	return renderPage(200, {
		tone: 'info',
		title: 'Nothing was linked',
		paragraphs: ['The Spotify sign-in was discarded; no account was linked and nothing was stored.'],
		hint: 'You can close this tab. To link your own account, run <code>/link-spotify</code> in Discord yourself.',
	});
}
