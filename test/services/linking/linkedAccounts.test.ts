import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { keyId } from '../../../src/services/linking/tokenCrypto.js';
import { LinkExpiredError, NotLinkedError } from '../../../src/services/linking/linkErrors.js';
import { bootLinkingHarnessPerTest, discordUserFor, type LinkingHarness } from './linkingHarness.js';

let harness: LinkingHarness;
const boot = bootLinkingHarnessPerTest((started) => (harness = started));

const save = (discordUserId: string, draftId: string) =>
	harness.services.saver.savePlaylist({ discordUserId, draft: harness.makeDraft(draftId) });

describe('unreadable links', () => {
	it('treats a link sealed under another key as not linked, warning without secrets', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		const tokens = await harness.readTokens('1001');
		await harness.restart(randomBytes(32));
		spotify.resetRecords();

		expect(await harness.services.linking.getLink('1001')).toBeNull();
		await expect(save('1001', 'd1')).rejects.toBeInstanceOf(NotLinkedError);
		expect(spotify.requests).toHaveLength(0);
		const warnings = harness.logs.filter((line) => line.includes('unreadable'));
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings[0]).toContain('"discordUserId":"1001"');
		for (const line of harness.logs)
			for (const secret of [tokens.accessToken, tokens.refreshToken]) expect(line).not.toContain(secret);
		// Linking again (under the new key) overwrites it.
		expect((await harness.services.linking.beginLink(discordUserFor('1001'))).existing).toBeNull();
		await harness.link('1001', 'bob');
		expect(await harness.services.linking.getLink('1001')).toEqual({
			spotifyUserId: 'bob',
			displayName: 'Bob Marleyfield',
		});
	});
});

describe('token freshness', () => {
	it('refreshes ahead of expiry, within the 60 s margin only', async () => {
		await boot();
		await harness.link('1001');
		harness.advanceClock(3600_000 - 61_000);
		await save('1001', 'd1');
		expect(harness.refreshGrants()).toBe(0);
		harness.advanceClock(2_000);
		await save('1001', 'd2');
		expect(harness.refreshGrants()).toBe(1);
		expect(harness.spotify.playlists.size).toBe(2);
	});

	it('refreshes once on a 401 and retries the call', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		spotify.expireAccessTokens({ userId: 'alice' });
		const saved = await save('1001', 'd1');
		expect(saved.created).toBe(true);
		expect(harness.refreshGrants()).toBe(1);
		expect(harness.countRequests('POST', '/v1/me/playlists')).toBe(2);
		expect(spotify.playlists.size).toBe(1);
	});

	it('keeps a rotated refresh token, also across a restart', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		const original = await harness.readTokens('1001');
		spotify.expireAccessTokens();
		await save('1001', 'd1');
		const rotated = await harness.readTokens('1001');
		expect(rotated.refreshToken).not.toBe(original.refreshToken);

		await harness.restart();
		spotify.expireAccessTokens();
		// The stand-in invalidated the original refresh token: only the rotated one can work.
		await save('1001', 'd2');
		expect(harness.refreshGrants()).toBe(2);
		expect(spotify.playlists.size).toBe(2);
		expect(await harness.services.linking.getLink('1001')).not.toBeNull();
	});

	it('removes the link and throws LinkExpiredError when the refresh token is revoked', async () => {
		const { spotify, services } = await boot();
		await harness.link('1001');
		spotify.revokeRefreshTokens('alice');
		spotify.expireAccessTokens();
		await expect(save('1001', 'd1')).rejects.toBeInstanceOf(LinkExpiredError);
		expect(await services.linking.getLink('1001')).toBeNull();
		expect(spotify.playlists.size).toBe(0);
		spotify.resetRecords();
		await expect(save('1001', 'd1')).rejects.toBeInstanceOf(NotLinkedError);
		expect(spotify.requests).toHaveLength(0);
	});

	it('reuses a refresh that finished while a slow call still held the old token', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		spotify.expireAccessTokens();
		// One of the two creates is answered (401) only after the other has refreshed and finished.
		spotify.failNext({ kind: 'slow', ms: 300 }, { path: /^\/v1\/me\/playlists$/ });
		await Promise.all([save('1001', 'd1'), save('1001', 'd2')]);
		expect(harness.refreshGrants()).toBe(1);
		expect(spotify.playlists.size).toBe(2);
	});

	it('shares one refresh among concurrent calls of one user', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		spotify.expireAccessTokens();
		const saved = await Promise.all(['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => save('1001', id)));
		expect(saved.every((result) => result.created)).toBe(true);
		expect(harness.refreshGrants()).toBe(1);
		expect(spotify.playlists.size).toBe(5);
	});
});

describe('key rotation', () => {
	it('opens links sealed with a key in TOKEN_ENCRYPTION_KEYS_OLD and seals them again with the new key', async () => {
		const { key: oldKey } = await boot();
		await harness.link('1001');
		const newKey = randomBytes(32);
		await harness.restart(newKey, [oldKey]);
		expect(await harness.services.linking.getLink('1001')).toEqual({
			spotifyUserId: 'alice',
			displayName: 'Alice Liddell-Quartz',
		});
		const resealed = (await harness.store.collection<string>('spotify-link').get('1001')) ?? '';
		expect(resealed.split('.')[1]).toBe(keyId(newKey));
		// Once read, the old key is no longer needed: the owner can drop it.
		await harness.restart(newKey);
		expect(await harness.services.linking.getLink('1001')).not.toBeNull();
		await expect(save('1001', 'd1')).resolves.toMatchObject({ created: true });
	});
});

describe('unlink wins', () => {
	it('a refresh in flight when the user unlinks does not write the link back', async () => {
		const { spotify } = await boot();
		await harness.link('1001');
		harness.advanceClock(3600_000);
		spotify.failNext({ kind: 'slow', ms: 400 }, { path: /^\/api\/token/, method: 'POST' });
		const tokenCalls = harness.countRequests('POST', '/api/token');
		const saving = save('1001', 'd1');
		await vi.waitFor(() => expect(harness.countRequests('POST', '/api/token')).toBeGreaterThan(tokenCalls));
		expect(await harness.services.linking.unlink('1001')).toBe(true);
		await expect(saving).rejects.toBeInstanceOf(NotLinkedError);
		expect(await harness.store.collection<string>('spotify-link').get('1001')).toBeUndefined();
		expect(await harness.services.linking.getLink('1001')).toBeNull();
		expect(spotify.playlists.size).toBe(0);
	});
});
