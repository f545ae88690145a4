import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotLinkedError } from '../../../src/services/linking/linkErrors.js';
import { bootLinkingHarnessPerTest, discordUserFor, type LinkingHarness } from './linkingHarness.js';

let harness: LinkingHarness;
const boot = bootLinkingHarnessPerTest((started) => (harness = started));

const MINUTE = 60_000;
const codeGrants = () =>
	harness.spotify.requests.filter(
		(request) => (request.body as { grant_type?: string } | undefined)?.grant_type === 'authorization_code',
	).length;
const paramsOf = (url: URL, name: string) => url.searchParams.get(name) ?? undefined;
const complete = (callback: URL) =>
	harness.services.linking.completeLink({
		state: paramsOf(callback, 'state'),
		code: paramsOf(callback, 'code'),
		error: paramsOf(callback, 'error'),
	});
const save = (discordUserId: string, draftId: string) =>
	harness.services.saver.savePlaylist({ discordUserId, draft: harness.makeDraft(draftId) });

describe('beginLink', () => {
	it('builds an encoded authorize URL with a fresh 32-byte state that Spotify accepts', async () => {
		const { spotify, services, redirectUri } = await boot();
		const first = await services.linking.beginLink(discordUserFor('1001'));
		const second = await services.linking.beginLink(discordUserFor('1001'));
		const url = new URL(first.url);

		expect(first.existing).toBeNull();
		expect(`${url.origin}${url.pathname}`).toBe(`${spotify.url}/authorize`);
		expect([...url.searchParams.keys()].sort()).toEqual([
			'client_id',
			'redirect_uri',
			'response_type',
			'scope',
			'show_dialog',
			'state',
		]);
		// Always the account chooser: whoever opens the link sees which Spotify account they are about to use.
		expect(url.searchParams.get('show_dialog')).toBe('true');
		expect(url.searchParams.get('client_id')).toBe('test-client-id');
		expect(url.searchParams.get('response_type')).toBe('code');
		expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
		expect(url.searchParams.get('scope')).toBe('playlist-modify-private playlist-read-private user-read-private');
		expect(first.url).toContain(`redirect_uri=${encodeURIComponent(redirectUri)}`);
		expect(first.url).not.toMatch(/\s/);
		const state = url.searchParams.get('state') ?? '';
		expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(Buffer.from(state, 'base64url')).toHaveLength(32);
		expect(new URL(second.url).searchParams.get('state')).not.toBe(state);
		expect((await fetch(first.url, { redirect: 'manual' })).status).toBe(302);
	});

	it('names the linked account and lets the user pick another one when relinking', async () => {
		const { services } = await boot();
		await harness.link('1001', 'alice');
		const again = await services.linking.beginLink(discordUserFor('1001'));
		expect(again.existing).toEqual({ spotifyUserId: 'alice', displayName: 'Alice Liddell-Quartz' });
		expect(new URL(again.url).searchParams.get('show_dialog')).toBe('true');
		expect((await services.linking.beginLink(discordUserFor('2002'))).existing).toBeNull();
	});
});

describe('completeLink', () => {
	it('stores the link encrypted: no token or profile text in the SQLite file', async () => {
		const { services, databasePath } = await boot();
		const result = await complete(await harness.authorize('1001', 'alice'));
		expect(result).toEqual({
			outcome: 'confirm',
			pending: {
				token: expect.stringMatching(/^[\w-]{43}$/),
				account: { spotifyUserId: 'alice', displayName: 'Alice Liddell-Quartz' },
				discordUser: { id: '1001', name: 'Discord 1001', handle: 'user1001' },
			},
		});
		// Held, sealed, until the browser confirms: nothing is linked yet.
		expect(await services.linking.getLink('1001')).toBeNull();
		if (result.outcome !== 'confirm') return;
		expect(await services.linking.confirmLink({ token: result.pending.token, decision: 'link' })).toEqual({
			outcome: 'linked',
			discordUserId: '1001',
			account: { spotifyUserId: 'alice', displayName: 'Alice Liddell-Quartz' },
		});
		expect(await services.linking.getLink('1001')).toEqual({
			spotifyUserId: 'alice',
			displayName: 'Alice Liddell-Quartz',
		});

		const tokens = await harness.readTokens('1001');
		expect(tokens.accessToken).toMatch(/^[\w-]{20,}$/);
		const sealed = (await harness.store.collection<string>('spotify-link').get('1001')) ?? '';
		const raw = [databasePath, `${databasePath}-wal`]
			.filter(existsSync)
			.map((path) => readFileSync(path).toString('latin1'))
			.join('');
		// The sealed value is on disk, so we are reading the right bytes…
		expect(raw).toContain(sealed.slice(0, 60));
		// …and nothing readable is.
		for (const secret of [tokens.accessToken, tokens.refreshToken, 'Liddell-Quartz']) expect(raw).not.toContain(secret);
	});

	it('uses a state once: a replay exchanges nothing', async () => {
		await boot();
		const callback = await harness.authorize('1001');
		expect((await complete(callback)).outcome).toBe('confirm');
		expect(codeGrants()).toBe(1);
		expect(await complete(callback)).toEqual({ outcome: 'invalid-state' });
		expect(codeGrants()).toBe(1);
	});

	it('rejects unknown, malformed and missing states without calling Spotify', async () => {
		const { spotify, services } = await boot();
		const callback = await harness.authorize('1001');
		spotify.resetRecords();
		const code = paramsOf(callback, 'code');
		for (const state of [
			randomBytes(32).toString('base64url'),
			'short',
			`${paramsOf(callback, 'state')}x`,
			'',
			undefined,
		]) {
			expect(await services.linking.completeLink({ state, code, error: undefined })).toEqual({
				outcome: 'invalid-state',
			});
		}
		expect(spotify.requests).toHaveLength(0);
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('accepts a state for 10 minutes and no longer', async () => {
		const { services } = await boot();
		const late = await harness.authorize('1001');
		harness.advanceClock(10 * MINUTE + 1);
		expect(await complete(late)).toEqual({ outcome: 'invalid-state' });
		expect(codeGrants()).toBe(0);
		expect(await services.linking.getLink('1001')).toBeNull();

		const inTime = await harness.authorize('1001');
		harness.advanceClock(10 * MINUTE - 1_000);
		expect((await complete(inTime)).outcome).toBe('confirm');
	});

	it('stores nothing when consent is denied, and the state is used up', async () => {
		const { services } = await boot();
		const callback = await harness.authorize('1001');
		const state = paramsOf(callback, 'state');
		expect(await services.linking.completeLink({ state, code: undefined, error: 'access_denied' })).toEqual({
			outcome: 'denied',
		});
		expect(await services.linking.completeLink({ state, code: paramsOf(callback, 'code'), error: undefined })).toEqual({
			outcome: 'invalid-state',
		});
		expect(codeGrants()).toBe(0);
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('reports other Spotify errors and a missing code as failures', async () => {
		const { services } = await boot();
		const first = paramsOf(await harness.authorize('1001'), 'state');
		expect(await services.linking.completeLink({ state: first, code: undefined, error: 'invalid_scope' })).toEqual({
			outcome: 'failed',
			error: 'invalid_scope',
		});
		const second = paramsOf(await harness.authorize('1001'), 'state');
		expect(await services.linking.completeLink({ state: second, code: undefined, error: undefined })).toEqual({
			outcome: 'failed',
			error: null,
		});
		expect(codeGrants()).toBe(0);
		expect(await services.linking.getLink('1001')).toBeNull();
	});

	it('replaces the link when the user links another account', async () => {
		const { services, spotify } = await boot();
		await harness.link('1001', 'alice');
		await harness.link('1001', 'bob');
		expect(await services.linking.getLink('1001')).toEqual({ spotifyUserId: 'bob', displayName: 'Bob Marleyfield' });
		await save('1001', 'd1');
		expect([...spotify.playlists.values()].map((playlist) => playlist.ownerId)).toEqual(['bob']);
	});
});

describe('unlink and unreadable links', () => {
	it('unlinks once, then reports there was nothing to unlink', async () => {
		const { services } = await boot();
		await harness.link('1001');
		expect(await services.linking.unlink('1001')).toBe(true);
		expect(await services.linking.getLink('1001')).toBeNull();
		expect(await services.linking.unlink('1001')).toBe(false);
		await expect(save('1001', 'd1')).rejects.toBeInstanceOf(NotLinkedError);
	});
});
