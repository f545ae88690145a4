import { describe, expect, it } from 'vitest';
import type { SpotifyStandin } from '../../standins/spotify.js';
import { boot, call, CLIENT, failedStatus, tokenFor, withLibrary, type Paged } from './spotifyKit.js';

// The Spotify stand-in's listener routes: top artists and tracks, library checks, and consents with fewer scopes.

const TOP = ['user-top-read'];
const LIBRARY = ['user-library-read'];

interface ItemRef {
	id: string;
	name: string;
	uri: string;
}

function catalogPicks(standin: SpotifyStandin) {
	const tracks = standin.catalog.tracks.filter((_, i) => i % 37 === 0).slice(0, 5);
	const artists = standin.catalog.artists.slice(0, 3);
	return { trackIds: tracks.map((t) => t.id), artistIds: artists.map((a) => a.id), tracks, artists };
}

describe('top artists and tracks', () => {
	it('pages top tracks per time range, and /v1/search finds their artists', async () => {
		const standin = await boot();
		const { trackIds, tracks } = catalogPicks(standin);
		standin.setListener('alice', { topTracks: { short_term: trackIds.slice(0, 2), medium_term: trackIds } });
		const token = tokenFor(standin, 'alice', TOP);
		const first = await call<Paged<ItemRef>>(standin, token, '/v1/me/top/tracks?limit=2');
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ limit: 2, offset: 0, total: 5, previous: null });
		expect(first.body.next).toBe(`${standin.url}/v1/me/top/tracks?offset=2&limit=2`);
		const pages = [first.body];
		for (let next = first.body.next; next !== null; next = pages.at(-1)?.next ?? null)
			pages.push((await call<Paged<ItemRef>>(standin, token, next.slice(standin.url.length))).body);
		expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(trackIds);
		expect(pages[2]?.previous).toBe(`${standin.url}/v1/me/top/tracks?offset=2&limit=2`);
		const short = await call<Paged<ItemRef>>(standin, token, '/v1/me/top/tracks?time_range=short_term&limit=1');
		expect(short.body).toMatchObject({ total: 2, items: [{ id: trackIds[0], type: 'track', is_local: false }] });
		expect(short.body.next).toBe(`${standin.url}/v1/me/top/tracks?offset=1&limit=1&time_range=short_term`);
		expect((await call<Paged<ItemRef>>(standin, token, '/v1/me/top/tracks?time_range=long_term')).body.total).toBe(0);
		const track = tracks[0];
		const query = encodeURIComponent(`track:"${track?.name}" artist:"${track?.artists[0]?.name}"`);
		const found = await call<{ tracks: Paged<ItemRef> }>(standin, token, `/v1/search?q=${query}&type=track&limit=10`);
		expect(found.body.tracks.items.map((item) => item.id)).toContain(track?.id);
	});

	it('answers top artists through spotify-web-api-node, without genres or popularity', async () => {
		const standin = await boot();
		const { artistIds, artists } = catalogPicks(standin);
		standin.setListener('alice', { topArtists: artistIds });
		const token = tokenFor(standin, 'alice', TOP);
		const { body } = await withLibrary(standin, token, (api) => api.getMyTopArtists({ time_range: 'long_term' }));
		expect(body).toMatchObject({ total: 3, limit: 20, offset: 0, next: null });
		expect(body.items[0]).toEqual({
			id: artists[0]?.id,
			name: artists[0]?.name,
			type: 'artist',
			uri: `spotify:artist:${artists[0]?.id}`,
			href: `${standin.url}/v1/artists/${artists[0]?.id}`,
			external_urls: { spotify: `https://open.spotify.com/artist/${artists[0]?.id}` },
			images: [],
		});
		const tracks = await withLibrary(standin, token, (api) => api.getMyTopTracks({ limit: 50 }));
		expect(tracks.body.items).toEqual([]);
		const bob = tokenFor(standin, 'bob', TOP);
		expect((await call<Paged<ItemRef>>(standin, bob, '/v1/me/top/artists')).body.total).toBe(0);
	});

	it('refuses a token without user-top-read, bad limits and unknown time ranges', async () => {
		const standin = await boot();
		standin.setListener('alice', { topArtists: catalogPicks(standin).artistIds });
		const narrow = tokenFor(standin, 'alice', ['user-read-private', 'user-library-read']);
		for (const type of ['artists', 'tracks']) {
			expect(await call(standin, narrow, `/v1/me/top/${type}`)).toEqual({
				status: 403,
				body: { error: { status: 403, message: 'Insufficient client scope' } },
			});
		}
		expect(await failedStatus(withLibrary(standin, narrow, (api) => api.getMyTopTracks()))).toBe(403);
		const token = tokenFor(standin, 'alice', TOP);
		expect((await call(standin, token, '/v1/me/top/artists?limit=51')).body).toEqual({
			error: { status: 400, message: 'Invalid limit' },
		});
		expect((await call(standin, token, '/v1/me/top/artists?limit=0')).status).toBe(400);
		expect((await call(standin, token, '/v1/me/top/artists?time_range=forever')).body).toEqual({
			error: { status: 400, message: 'Invalid time range' },
		});
	});

	it('refuses seeds the catalog does not hold', async () => {
		const standin = await boot();
		expect(() => standin.setListener('mallory', {})).toThrow(/Unknown stand-in user/);
		expect(() => standin.setListener('alice', { topTracks: ['NoSuchTrack00000000000'] })).toThrow(/No catalog track/);
		expect(() => standin.setListener('alice', { topArtists: { short_term: ['nope'] } })).toThrow(/No catalog artist/);
	});
});

describe('library checks', () => {
	it('answers a boolean per URI, in order, and records each batch', async () => {
		const standin = await boot();
		const { trackIds } = catalogPicks(standin);
		standin.setListener('alice', { savedTrackIds: [trackIds[1] ?? '', trackIds[3] ?? ''] });
		const token = tokenFor(standin, 'alice', LIBRARY);
		const uris = trackIds.map((id) => `spotify:track:${id}`);
		const answer = await call(standin, token, `/v1/me/library/contains?uris=${uris.join(',')}`);
		expect(answer).toEqual({ status: 200, body: [false, true, false, true, false] });
		const bob = tokenFor(standin, 'bob', LIBRARY);
		expect((await call(standin, bob, `/v1/me/library/contains?uris=${uris[1]}`)).body).toEqual([false]);
		expect(standin.libraryChecks).toEqual([uris, [uris[1]]]);
		expect(standin.requestsTo('/v1/me/library/contains', 'GET')).toHaveLength(2);
	});

	it('rejects 41 URIs, malformed ones and a missing list with 400', async () => {
		const standin = await boot();
		const token = tokenFor(standin, 'alice', LIBRARY);
		const uris = standin.catalog.tracks.slice(0, 41).map((track) => track.uri);
		const tooMany = await call(standin, token, `/v1/me/library/contains?uris=${uris.join(',')}`);
		expect(tooMany).toEqual({ status: 400, body: { error: { status: 400, message: expect.stringMatching(/40/) } } });
		expect((await call(standin, token, `/v1/me/library/contains?uris=${uris.slice(1).join(',')}`)).status).toBe(200);
		const malformed = await call(standin, token, '/v1/me/library/contains?uris=spotify:track:short');
		expect(malformed.body).toEqual({ error: { status: 400, message: 'Invalid uri: spotify:track:short' } });
		expect((await call(standin, token, '/v1/me/library/contains')).body).toEqual({
			error: { status: 400, message: 'Missing parameter uris' },
		});
		expect(standin.libraryChecks.map((batch) => batch.length)).toEqual([41, 40, 1]);
	});

	it("asks for each URI type's scope, and the removed /me/tracks/contains answers 404", async () => {
		const standin = await boot();
		const track = standin.catalog.tracks[0]?.uri ?? '';
		const noLibrary = tokenFor(standin, 'alice', ['playlist-read-private']);
		expect(await call(standin, noLibrary, `/v1/me/library/contains?uris=${track}`)).toEqual({
			status: 403,
			body: { error: { status: 403, message: 'Insufficient client scope' } },
		});
		const library = tokenFor(standin, 'alice', LIBRARY);
		const [playlistId = ''] = standin.setListener('alice', { playlists: [{ name: 'Mine' }] }).playlistIds;
		const withPlaylist = `/v1/me/library/contains?uris=${track},spotify:playlist:${playlistId}`;
		expect((await call(standin, library, withPlaylist)).status).toBe(403);
		const both = tokenFor(standin, 'alice', [...LIBRARY, 'playlist-read-private']);
		expect((await call(standin, both, withPlaylist)).body).toEqual([false, true]);
		const ids = [standin.catalog.tracks[0]?.id ?? ''];
		expect(await failedStatus(withLibrary(standin, library, (api) => api.containsMySavedTracks(ids)))).toBe(404);
		expect(standin.deprecatedCalls).toEqual(['GET /v1/me/tracks/contains']);
	});
});

describe('consent scopes', () => {
	async function link(standin: SpotifyStandin, scopes: string[]): Promise<string> {
		const redirect = 'http://127.0.0.1:8888/callback';
		const query = new URLSearchParams({ client_id: CLIENT.clientId, response_type: 'code', redirect_uri: redirect });
		query.set('scope', scopes.join(' '));
		const authorized = await fetch(`${standin.url}/authorize?${query.toString()}`, { redirect: 'manual' });
		const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code') ?? '';
		const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect });
		form.set('client_id', CLIENT.clientId);
		form.set('client_secret', CLIENT.clientSecret);
		const tokens = await fetch(`${standin.url}/api/token`, { method: 'POST', body: form });
		return ((await tokens.json()) as { scope: string }).scope;
	}

	it('grants exactly the requested scopes, or fewer once limited', async () => {
		const standin = await boot({ autoApprove: true });
		expect(await link(standin, ['user-top-read', 'user-library-read'])).toBe('user-top-read user-library-read');
		expect(await link(standin, ['playlist-read-private'])).toBe('playlist-read-private');
		standin.limitConsentScopes(['playlist-modify-private', 'user-read-private']);
		expect(await link(standin, ['playlist-modify-private', 'user-top-read'])).toBe('playlist-modify-private');
		standin.limitConsentScopes(null);
		expect(await link(standin, ['user-top-read'])).toBe('user-top-read');
	});
});
