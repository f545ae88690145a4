import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootLinkingHarnessPerTest, discordUserFor, type LinkingHarness } from '../services/linking/linkingHarness.js';
import { openCallbackAndConfirm, readConfirmForm, submitConfirmForm } from '../helpers/confirmForm.js';
import { expectAccessiblePage, readPage as page } from './pageAssertions.js';

let harness: LinkingHarness;
const boot = bootLinkingHarnessPerTest((started) => (harness = started));

const MINUTE = 60_000;
const tokenCalls = () => harness.countRequests('POST', '/api/token');
const get = (path: string) => fetch(`${harness.baseUrl}${path}`);

describe('OAuth callback', () => {
	it('asks whom to link, and links through the real redirect and a Link click, with pages allowed by the CSP', async () => {
		const { services } = await boot();
		const callback = await harness.authorize('1001', 'alice');
		expect(`${callback.origin}${callback.pathname}`).toBe(harness.redirectUri);
		const confirm = await page(await fetch(callback));
		expect(confirm.status).toBe(200);
		expectAccessiblePage(confirm.html);
		expect(confirm.html).toContain('<h1>Link these accounts?</h1>');
		expect(confirm.html).toContain(
			'Link the Spotify account <strong>Alice Liddell-Quartz</strong> (alice) to the Discord user <strong>Discord 1001</strong> (@user1001)?',
		);
		expect(confirm.html).toMatch(/<button class="primary" type="submit" name="decision" value="link">Link<\/button>/);
		expect(confirm.html).toMatch(/<button type="submit" name="decision" value="cancel">Not me<\/button>/);
		expect(confirm.headers.get('content-security-policy')).toContain("form-action 'self'");
		expect(await services.linking.getLink('1001')).toBeNull();

		const { status, html, headers } = await page(
			await submitConfirmForm(readConfirmForm(callback, confirm.html), 'link'),
		);
		expect(status).toBe(200);
		expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		expectAccessiblePage(html);
		expect(html).toContain('<h1>Spotify account linked</h1>');
		expect(html).toContain('<strong>Alice Liddell-Quartz</strong> (alice)');
		expect(html).toContain('You can close this tab');
		const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
		const hash = createHash('sha256').update(style).digest('base64');
		expect(headers.get('content-security-policy')).toContain(`style-src 'sha256-${hash}'`);
		expect(await services.linking.getLink('1001')).toEqual({
			spotifyUserId: 'alice',
			displayName: 'Alice Liddell-Quartz',
		});
	});

	it('answers a replayed callback with 400 and exchanges nothing more', async () => {
		await boot();
		const callback = await harness.authorize('1001');
		expect((await fetch(callback)).status).toBe(200);
		const calls = tokenCalls();
		const replay = await page(await fetch(callback));
		expect(replay.status).toBe(400);
		expect(replay.html).toContain('<h1>This link has expired</h1>');
		expectAccessiblePage(replay.html);
		expect(tokenCalls()).toBe(calls);
	});

	it('answers unknown, missing and repeated states with 400 without calling Spotify', async () => {
		const { spotify } = await boot();
		const callback = await harness.authorize('1001');
		spotify.resetRecords();
		const state = callback.searchParams.get('state') ?? '';
		const code = callback.searchParams.get('code') ?? '';
		const forged = `${state.slice(0, -2)}AA`;
		for (const query of [
			`state=${forged}&code=${code}`,
			`code=${code}`,
			'',
			`state=${state}&state=${state}&code=${code}`,
		]) {
			expect((await get(`/callback?${query}`)).status).toBe(400);
		}
		expect(spotify.requests).toHaveLength(0);
		// The real state is still unused and works.
		expect((await fetch(callback)).status).toBe(200);
	});

	it('answers an expired state with 400', async () => {
		const { services } = await boot();
		const callback = await harness.authorize('1001');
		harness.advanceClock(11 * MINUTE);
		expect((await fetch(callback)).status).toBe(400);
		expect(tokenCalls()).toBe(0);
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('shows a friendly page when consent is denied on Spotify, and stores nothing', async () => {
		const { spotify, services } = await boot({ spotify: { autoApprove: false } });
		const { url } = await services.linking.beginLink(discordUserFor('1001'));
		const consent = await (await fetch(url)).text();
		const requestId = /name="request_id" value="([^"]+)"/.exec(consent)?.[1] ?? '';
		const decision = await fetch(`${spotify.url}/authorize/decision`, {
			method: 'POST',
			body: new URLSearchParams({ request_id: requestId, decision: 'deny' }),
			redirect: 'manual',
		});
		const callback = new URL(decision.headers.get('location') ?? '');
		expect(callback.searchParams.get('error')).toBe('access_denied');

		const denied = await page(await fetch(callback));
		expect(denied.status).toBe(200);
		expect(denied.html).toContain('<h1>Linking cancelled</h1>');
		expectAccessiblePage(denied.html);
		expect(await services.linking.getLink('1001')).toBeNull();
		expect(tokenCalls()).toBe(0);
		expect((await fetch(callback)).status).toBe(400);
	});

	it('shows and logs only OAuth 2.0 error codes; anything else in `error` is neither shown nor logged whole', async () => {
		await boot();
		const withError = async (error: string) => {
			const callback = await harness.authorize('1001');
			callback.searchParams.delete('code');
			callback.searchParams.set('error', error);
			return page(await fetch(callback));
		};
		const known = await withError('invalid_scope');
		expect(known.status).toBe(400);
		expect(known.html).toContain('<code>invalid_scope</code>');

		const planted = `Call_+1-555-0100_for_support_${'x'.repeat(200)}`;
		const unknown = await withError(planted);
		expect(unknown.status).toBe(400);
		expect(unknown.html).toContain('<h1>Spotify did not authorize the link</h1>');
		expect(unknown.html).not.toContain('555-0100');
		expectAccessiblePage(unknown.html);
		const logged = harness.logs.find((line) => line.includes('spotify authorization failed') && line.includes('555'));
		expect(logged).toContain(`"error":"${planted.slice(0, 100)}"`);
		expect(logged).not.toContain(planted.slice(0, 101));
		expect(tokenCalls()).toBe(0);
	});

	it('escapes the Spotify display name', async () => {
		await boot();
		const { html } = await page(await fetch(await harness.authorize('1001', 'mallory')));
		expect(html).toContain(
			'<strong>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;b&#62;Co&#60;/b&#62;</strong>',
		);
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<b>Co');
	});

	it('explains a development-mode refusal with 403 and links nothing', async () => {
		const { services } = await boot({ spotify: { allowedUserIds: ['alice'] } });
		const refused = await page(await fetch(await harness.authorize('1001', 'bob')));
		expect(refused.status).toBe(403);
		expect(refused.html).toContain('<h1>Spotify account not allowed yet</h1>');
		expect(harness.countRequests('GET', '/v1/me')).toBe(1);
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('shows 502 when Spotify fails during the exchange', async () => {
		const { spotify, services } = await boot();
		const callback = await harness.authorize('1001');
		spotify.failNext({ kind: 'status', status: 503 }, { path: /^\/api\/token$/, times: 3 });
		const failed = await page(await fetch(callback));
		expect(failed.status).toBe(502);
		expect(failed.html).toContain('<h1>Spotify did not answer</h1>');
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('stores nothing on Not me, and refuses a replayed or forged confirm', async () => {
		const { services } = await boot();
		const callback = await harness.authorize('1001', 'alice');
		const { html, decided } = await openCallbackAndConfirm(callback, 'cancel');
		const notMe = await page(decided!);
		expect(notMe.status).toBe(200);
		expect(notMe.html).toContain('<h1>Nothing was linked</h1>');
		expectAccessiblePage(notMe.html);
		expect(await services.linking.getLink('1001')).toBeNull();
		expect(await harness.store.collection<string>('spotify-link').get('1001')).toBeUndefined();

		const form = readConfirmForm(callback, html);
		const replayed = await page(await submitConfirmForm(form, 'link'));
		expect(replayed.status).toBe(400);
		expect(replayed.html).toContain('<h1>This link has expired</h1>');
		const forged = await page(await submitConfirmForm({ ...form, token: `${form.token.slice(0, -2)}AA` }, 'link'));
		expect(forged.status).toBe(400);
		expect(await services.linking.getLink('1001')).toBeNull();

		// A second, separate link flow still works, and one confirm token links once even when sent twice at once.
		const again = await harness.authorize('1001', 'alice');
		const second = readConfirmForm(again, await (await fetch(again)).text());
		const statuses = (await Promise.all([submitConfirmForm(second, 'link'), submitConfirmForm(second, 'link')])).map(
			(response) => response.status,
		);
		expect(statuses.sort()).toEqual([200, 400]);
		expect(await services.linking.getLink('1001')).toEqual({
			spotifyUserId: 'alice',
			displayName: 'Alice Liddell-Quartz',
		});
	});

	it('logs no token, code, state, confirm token, client secret or key', async () => {
		const { spotify, services, logs, key } = await boot();
		const callback = await harness.authorize('1001');
		const { html, decided } = await openCallbackAndConfirm(callback);
		expect(decided?.status).toBe(200);
		const linked = await harness.readTokens('1001');
		spotify.expireAccessTokens();
		await services.saver.savePlaylist({ discordUserId: '1001', draft: harness.makeDraft('d1', 120) });
		const refreshed = await harness.readTokens('1001');

		const bearer = spotify.requests.map((request) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]);
		const formSecrets = spotify.requests.flatMap((request) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			return [body.code, body.refresh_token];
		});
		const secrets = [
			...[linked, refreshed].flatMap((tokens) => [tokens.accessToken, tokens.refreshToken]),
			callback.searchParams.get('code'),
			callback.searchParams.get('state'),
			readConfirmForm(callback, html).token,
			...bearer,
			...formSecrets,
			'test-client-secret',
			key.toString('base64'),
			key.toString('hex'),
		].filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
		expect(secrets.length).toBeGreaterThan(8);

		const text = logs.join('\n');
		expect(text).toContain('spotify account linked');
		expect(text).toContain('refreshing once');
		expect(text).toContain('spotify playlist saved');
		for (const secret of secrets) expect(text).not.toContain(secret);
	});
});
