import { createRequire } from 'node:module';
import SpotifyWebApi from 'spotify-web-api-node';
import { afterEach, describe, expect, it } from 'vitest';
import { searchCatalog } from '../../standins/catalog.js';
import { startSpotifyStandin, type SpotifyStandin, type SpotifyStandinOptions } from '../../standins/spotify.js';

const CLIENT = { clientId: 'test-client-id', clientSecret: 'test-client-secret' };
const REDIRECT = 'http://127.0.0.1:8888/callback';
const SCOPES = ['playlist-modify-private', 'playlist-modify-public', 'playlist-read-private', 'user-read-private'];

// spotify-web-api-node hard-codes https://api.spotify.com and accounts.spotify.com in these two builders;
// wrap them (the library reads `module.exports.builder` on every call) and restore them afterwards.
const require = createRequire(import.meta.url);
const LIBRARY_BUILDERS = [
	'spotify-web-api-node/src/webapi-request.js',
	'spotify-web-api-node/src/authentication-request.js',
];

interface RequestBuilder {
	withScheme(scheme: string): RequestBuilder;
	withHost(host: string): RequestBuilder;
	withPort(port: number): RequestBuilder;
}

interface BuilderModule {
	builder: (...args: unknown[]) => RequestBuilder;
}

function pointLibraryAt(url: string): () => void {
	const { protocol, hostname, port } = new URL(url);
	const modules = LIBRARY_BUILDERS.map((id) => require(id) as BuilderModule);
	const originals = modules.map((module) => module.builder);
	modules.forEach((module, i) => {
		const original = originals[i] ?? module.builder;
		module.builder = (...args) =>
			original(...args)
				.withScheme(protocol.slice(0, -1))
				.withHost(hostname)
				.withPort(Number(port));
	});
	return () => modules.forEach((module, i) => (module.builder = originals[i] ?? module.builder));
}

interface LibraryError {
	name: string;
	statusCode: number;
	headers: Record<string, string>;
	body: { error?: string | { status: number; message: string; reason?: string }; error_description?: string };
}

async function failure(promise: Promise<unknown>): Promise<LibraryError> {
	try {
		await promise;
	} catch (error) {
		return error as LibraryError;
	}
	throw new Error('expected the call to fail');
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	while (cleanups.length > 0) await cleanups.pop()?.();
});

async function boot(options: SpotifyStandinOptions = {}): Promise<SpotifyStandin> {
	const standin = await startSpotifyStandin(options);
	cleanups.push(() => standin.close(), pointLibraryAt(standin.url));
	return standin;
}

function createClient(
	extra: { accessToken?: string; refreshToken?: string; clientSecret?: string } = {},
): SpotifyWebApi {
	return new SpotifyWebApi({ ...CLIENT, redirectUri: REDIRECT, ...extra });
}

async function appClient(): Promise<SpotifyWebApi> {
	const api = createClient();
	const { body } = await api.clientCredentialsGrant();
	api.setAccessToken(body.access_token);
	return api;
}

async function authorize(standin: SpotifyStandin, state = 'state-123'): Promise<URL> {
	const query = new URLSearchParams({
		client_id: CLIENT.clientId,
		response_type: 'code',
		redirect_uri: REDIRECT,
		scope: SCOPES.join(' '),
		state,
	});
	const response = await fetch(`${standin.url}/authorize?${query.toString()}`, { redirect: 'manual' });
	expect(response.status).toBe(302);
	return new URL(response.headers.get('location') ?? '');
}

async function userClient(standin: SpotifyStandin): Promise<SpotifyWebApi> {
	const code = (await authorize(standin)).searchParams.get('code') ?? '';
	const api = createClient();
	const { body } = await api.authorizationCodeGrant(code);
	api.setAccessToken(body.access_token);
	api.setRefreshToken(body.refresh_token);
	return api;
}

function bearer(token: string): { authorization: string } {
	return { authorization: `Bearer ${token}` };
}

describe('accounts service', () => {
	it('grants client credentials and rejects a bad secret with 400 invalid_client', async () => {
		await boot();
		const { body, statusCode } = await createClient().clientCredentialsGrant();
		expect(statusCode).toBe(200);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		expect(body.access_token).toMatch(/^[\w-]{20,}$/);
		const error = await failure(createClient({ clientSecret: 'wrong' }).clientCredentialsGrant());
		expect(error.statusCode).toBe(400);
		expect(error.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
	});

	it('runs the authorization-code flow: single-use code bound to its redirect URI', async () => {
		const standin = await boot({ autoApprove: true, redirectUris: [REDIRECT] });
		const location = await authorize(standin, 'xyz');
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
		expect(location.searchParams.get('state')).toBe('xyz');
		const code = location.searchParams.get('code') ?? '';
		const { body } = await createClient().authorizationCodeGrant(code);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPES.join(' ') });
		expect(body.refresh_token).toMatch(/^[\w-]{20,}$/);
		const reused = await failure(createClient().authorizationCodeGrant(code));
		expect(reused.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
		const other = (await authorize(standin)).searchParams.get('code') ?? '';
		const mismatch = new SpotifyWebApi({ ...CLIENT, redirectUri: 'http://127.0.0.1:9999/elsewhere' });
		expect((await failure(mismatch.authorizationCodeGrant(other))).body.error_description).toBe('Invalid redirect URI');
		const bad = await fetch(
			`${standin.url}/authorize?client_id=${CLIENT.clientId}&response_type=code&redirect_uri=https://evil.example/cb`,
		);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Invalid redirect URI');
	});

	it('shows a consent page whose buttons answer with a code or access_denied', async () => {
		const standin = await boot();
		const page = await fetch(createClient().createAuthorizeURL(SCOPES, 'st8'));
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain(SCOPES.map((scope) => `<li>${scope}</li>`).join(''));
		expect(html).toContain('Logged in as Alice');
		expect(html).toMatch(/id="accept"[\s\S]*id="deny"/);
		const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] ?? '';
		const decide = (decision: string, id = requestId): Promise<Response> =>
			fetch(`${standin.url}/authorize/decision`, {
				method: 'POST',
				body: new URLSearchParams({ request_id: id, decision }),
				redirect: 'manual',
			});
		const accepted = new URL((await decide('accept')).headers.get('location') ?? '');
		expect(accepted.searchParams.get('state')).toBe('st8');
		expect(accepted.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
		expect((await decide('accept')).status).toBe(400);
		const denyId = /name="request_id" value="([^"]+)"/.exec(
			await (await fetch(createClient().createAuthorizeURL(SCOPES, 'no'))).text(),
		)?.[1];
		const denied = new URL((await decide('deny', denyId)).headers.get('location') ?? '');
		expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', state: 'no' });
	});

	it('rotates refresh tokens and rejects the old one with invalid_grant', async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		const original = api.getRefreshToken() ?? '';
		const { body } = await api.refreshAccessToken();
		const rotated = (body as { refresh_token?: string }).refresh_token;
		expect(rotated).toMatch(/^[\w-]{20,}$/);
		expect(rotated).not.toBe(original);
		api.setAccessToken(body.access_token);
		expect((await api.getMe()).body.id).toBe('alice');
		const stale = await failure(createClient({ refreshToken: original }).refreshAccessToken());
		expect(stale.statusCode).toBe(400);
		expect(stale.body).toEqual({ error: 'invalid_grant', error_description: 'Refresh token revoked' });
		standin.revokeRefreshTokens('alice');
		expect((await failure(createClient({ refreshToken: rotated }).refreshAccessToken())).body.error).toBe(
			'invalid_grant',
		);
	});

	it('keeps the refresh token when rotation is off', async () => {
		const standin = await boot({ autoApprove: true, rotateRefreshTokens: false });
		const api = await userClient(standin);
		const first = await api.refreshAccessToken();
		const second = await api.refreshAccessToken();
		expect(first.body).not.toHaveProperty('refresh_token');
		expect(second.body.access_token).not.toBe(first.body.access_token);
	});
});

describe('Web API', () => {
	it('answers getMe with the current user and no removed fields', async () => {
		const standin = await boot({ autoApprove: true });
		const { body } = await (await userClient(standin)).getMe();
		expect(body).toEqual({
			id: 'alice',
			display_name: 'Alice',
			uri: 'spotify:user:alice',
			type: 'user',
			href: `${standin.url}/v1/users/alice`,
			external_urls: { spotify: 'https://open.spotify.com/user/alice' },
			images: [],
		});
		standin.setCurrentUser('bob');
		expect((await (await userClient(standin)).getMe()).body.display_name).toBe('Bob');
		expect(() => standin.setCurrentUser('mallory')).toThrow(/Unknown/);
	});

	it('filters searches by genre and year range, without popularity or genres in the answer', async () => {
		const standin = await boot();
		const api = await appClient();
		const { body } = await api.searchTracks('genre:"k-pop" year:2015-2020', { limit: 10 });
		const page = body.tracks;
		const expected = standin.catalog.tracks.filter((t) => t.genre === 'k-pop' && t.year >= 2015 && t.year <= 2020);
		expect(page?.total).toBe(expected.length);
		expect(page?.items.map((item) => item.id)).toEqual(expected.slice(0, 10).map((t) => t.id));
		const item = page?.items[0];
		const track = standin.catalog.findTrack(item?.id ?? '');
		expect(item).toMatchObject({
			name: track?.name,
			type: 'track',
			uri: `spotify:track:${track?.id}`,
			duration_ms: track?.durationMs,
			is_local: false,
			external_urls: { spotify: `https://open.spotify.com/track/${track?.id}` },
			album: { id: track?.album.id, name: track?.album.name, release_date: track?.album.release_date },
		});
		expect(item).not.toHaveProperty('popularity');
		expect(item?.artists[0]).not.toHaveProperty('genres');
		expect(standin.searchQueries).toEqual(['genre:"k-pop" year:2015-2020']);
	});

	it('finds a track by track: and artist: filters, ignoring accents', async () => {
		const standin = await boot();
		const target = standin.catalog.tracks.find((t) => /[éö]/.test(t.artists[0]?.name ?? '') && !t.name.includes('"'));
		const artist = (target?.artists[0]?.name ?? '').normalize('NFD').replace(/\p{M}/gu, '');
		const { body } = await (
			await appClient()
		).searchTracks(`track:"${target?.name}" artist:"${artist}"`, { limit: 10 });
		expect(body.tracks?.items.map((item) => item.id)).toContain(target?.id);
		expect(body.tracks?.items.every((item) => item.name.includes(target?.name ?? '-'))).toBe(true);
	});

	it('answers only what is available in the market asked for, everything without one', async () => {
		const standin = await boot();
		const api = await appClient();
		const scene = standin.catalog.tracks.filter((t) => t.genre === 'rap français');
		const all = (await api.searchTracks('genre:"rap français"', { limit: 10 })).body.tracks;
		expect(all?.total).toBe(scene.length);
		const inFrance = (await api.searchTracks('genre:"rap français"', { limit: 10, market: 'FR' })).body.tracks;
		expect(inFrance?.total).toBe(scene.length);
		const inJapan = (await api.searchTracks('genre:"rap français"', { limit: 10, market: 'JP' })).body.tracks;
		expect(inJapan?.total).toBe(scene.filter((t) => t.markets === undefined).length);
		expect(inJapan?.total).toBeLessThan(scene.length);
		const local = new Set(scene.filter((t) => t.markets !== undefined).map((t) => t.id));
		expect(inJapan?.items.some((item) => local.has(item.id))).toBe(false);
		expect((await failure(api.searchTracks('rock', { limit: 10, market: 'france' }))).body).toEqual({
			error: { status: 400, message: 'Invalid market code' },
		});
	});

	it('rejects limits outside 1..10 and offsets over 1000, and defaults to 5', async () => {
		const standin = await boot();
		const api = await appClient();
		const tooMany = await failure(api.searchTracks('rock', { limit: 11 }));
		expect(tooMany.statusCode).toBe(400);
		expect(tooMany.body).toEqual({ error: { status: 400, message: 'Invalid limit' } });
		expect((await failure(api.searchTracks('rock', { limit: 0 }))).statusCode).toBe(400);
		expect((await failure(api.searchTracks('rock', { offset: 1001 }))).body).toEqual({
			error: { status: 400, message: 'Invalid offset' },
		});
		const plain = await fetch(`${standin.url}/v1/search?q=rock&type=track`, {
			headers: bearer(api.getAccessToken() ?? ''),
		});
		const body = (await plain.json()) as { tracks: { limit: number; items: unknown[] } };
		expect(body.tracks.limit).toBe(5);
		expect(body.tracks.items).toHaveLength(5);
	});

	it('pages with offset, ranking free words by how many match', async () => {
		const standin = await boot();
		const api = await appClient();
		const expected = searchCatalog(standin.catalog, 'chill jazz')
			.slice(0, 20)
			.map((t) => t.id);
		const first = (await api.searchTracks('chill jazz', { limit: 10 })).body.tracks;
		const second = (await api.searchTracks('chill jazz', { limit: 10, offset: 10 })).body.tracks;
		expect([...(first?.items ?? []), ...(second?.items ?? [])].map((item) => item.id)).toEqual(expected);
		expect(first?.previous).toBeNull();
		expect(first?.next).toBe(`${standin.url}/v1/search?offset=10&limit=10&query=chill%20jazz&type=track`);
		expect(second?.offset).toBe(10);
		expect(standin.catalog.findTrack(first?.items[0]?.id ?? '')).toMatchObject({
			genre: 'jazz',
			moods: expect.arrayContaining(['chill']) as unknown,
		});
	});

	it('answers 404 to deprecated and unknown operations and records them', async () => {
		const standin = await boot();
		const api = await appClient();
		const headers = bearer(api.getAccessToken() ?? '');
		expect((await fetch(`${standin.url}/v1/recommendations?seed_genres=pop`, { headers })).status).toBe(404);
		expect((await fetch(`${standin.url}/v1/tracks?ids=abc,def`, { headers })).status).toBe(404);
		expect((await failure(api.getRecommendations({ seed_genres: ['pop'] }))).statusCode).toBe(404);
		expect((await failure(api.addTracksToPlaylist('p1', ['spotify:track:x']))).statusCode).toBe(404);
		expect((await fetch(`${standin.url}/v1/made-up`, { headers })).status).toBe(404);
		expect(standin.deprecatedCalls).toEqual([
			'GET /v1/recommendations',
			'GET /v1/tracks',
			'GET /v1/recommendations',
			'POST /v1/playlists/p1/tracks',
		]);
		expect(standin.unknownCalls).toEqual(['GET /v1/made-up']);
		const track = standin.catalog.tracks[3];
		expect((await api.getTrack(track?.id ?? '')).body.name).toBe(track?.name);
	});

	it('creates a playlist and adds items in order, guarding owner, size and uri format', async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		const created = await api.createPlaylist('Rainy day', { public: false, description: 'made by a test' });
		expect(created.statusCode).toBe(201);
		const id = created.body.id;
		expect(created.body).toMatchObject({
			name: 'Rainy day',
			public: false,
			description: 'made by a test',
			owner: { id: 'alice' },
		});
		expect(created.body.external_urls.spotify).toBe(`https://open.spotify.com/playlist/${id}`);
		const uris = standin.catalog.tracks.slice(0, 4).map((t) => t.uri);
		const post = (body: unknown, token = api.getAccessToken() ?? '', playlist = id): Promise<Response> =>
			fetch(`${standin.url}/v1/playlists/${playlist}/items`, {
				method: 'POST',
				headers: { ...bearer(token), 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const added = await post({ uris: uris.slice(1) });
		expect(added.status).toBe(201);
		expect(await added.json()).toEqual({ snapshot_id: expect.stringMatching(/^AAAA\w+$/) as unknown });
		expect((await post({ uris: uris.slice(0, 1), position: 0 })).status).toBe(201);
		expect(standin.playlists.get(id)).toMatchObject({ ownerId: 'alice', name: 'Rainy day', public: false, uris });
		const bodies = standin.requests.filter((r) => r.path === `/v1/playlists/${id}/items`).map((r) => r.body);
		expect(bodies).toEqual([{ uris: uris.slice(1) }, { uris: uris.slice(0, 1), position: 0 }]);
		expect((await post({ uris: Array.from({ length: 101 }, () => uris[0]) })).status).toBe(400);
		expect(await (await post({ uris: ['spotify:album:nope'] })).json()).toEqual({
			error: { status: 400, message: 'Invalid track uri: spotify:album:nope' },
		});
		expect((await post({ uris }, undefined, 'NoSuchPlaylist00000000')).status).toBe(404);
		expect((await post({ uris }, standin.issueTokens('bob').accessToken)).status).toBe(403);
		expect(standin.playlists.get(id)?.uris).toHaveLength(4);
	});

	it('pages through playlist items (owner only), and `fields=total` gives just the count', async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		const id = (await api.createPlaylist('Counted', { public: false })).body.id;
		const uris = standin.catalog.tracks.slice(0, 3).map((t) => t.uri);
		standin.playlists.get(id)?.uris.push(...uris);
		const get = (query: string, token = api.getAccessToken() ?? '', playlist = id) =>
			fetch(`${standin.url}/v1/playlists/${playlist}/items?${query}`, { headers: bearer(token) });
		const page = (await (await get('limit=2&offset=1')).json()) as Record<string, unknown>;
		expect(page).toMatchObject({ limit: 2, offset: 1, total: 3, next: null });
		expect(page.previous).toBe(`${standin.url}/v1/playlists/${id}/items?offset=0&limit=2`);
		const items = page.items as { item: { uri: string }; track: { uri: string } }[];
		expect(items.map((entry) => [entry.item.uri, entry.track.uri])).toEqual(uris.slice(1).map((uri) => [uri, uri]));
		expect(await (await get('limit=1&fields=total')).json()).toEqual({ total: 3 });
		expect((await get('limit=51')).status).toBe(400);
		expect((await get('limit=1', undefined, 'NoSuchPlaylist00000000')).status).toBe(404);
		expect((await get('limit=1', standin.issueTokens('bob').accessToken)).status).toBe(403);
		const modifyOnly = standin.issueTokens('alice', 'playlist-modify-private').accessToken;
		expect((await get('limit=1', modifyOnly)).status).toBe(403);
		expect(standin.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/items'))).toHaveLength(6);
	});

	it("lists the user's own playlists newest first, private ones only with playlist-read-private", async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		const names = ['One', 'Two', 'Three'];
		for (const name of names) await api.createPlaylist(name, { public: name === 'Two' });
		await createClient({ accessToken: standin.issueTokens('bob').accessToken }).createPlaylist('Bobs');
		const first = await api.getUserPlaylists({ limit: 2 });
		expect(first.body).toMatchObject({ total: 3, offset: 0, limit: 2 });
		expect(first.body.items.map((playlist) => playlist.name)).toEqual(['Three', 'Two']);
		expect(first.body.next).toBe(`${standin.url}/v1/me/playlists?offset=2&limit=2`);
		const second = await api.getUserPlaylists({ limit: 2, offset: 2 });
		expect(second.body.items.map((playlist) => [playlist.name, playlist.owner.id])).toEqual([['One', 'alice']]);
		expect((second.body.items[0] as unknown as { items: { total: number } }).items.total).toBe(0);
		const modifyOnly = createClient({
			accessToken: standin.issueTokens('alice', 'playlist-modify-private').accessToken,
		});
		expect((await modifyOnly.getUserPlaylists({})).body.items.map((playlist) => playlist.name)).toEqual(['Two']);
		expect((await failure(api.getUserPlaylists({ limit: 51 }))).statusCode).toBe(400);
		expect(standin.deprecatedCalls).toEqual([]);
	});

	it('requires a user token with a playlist-modify scope for playlist writes', async () => {
		const standin = await boot();
		const readOnly = createClient({ accessToken: standin.issueTokens('alice', 'user-read-private').accessToken });
		const refused = await failure(readOnly.createPlaylist('Nope'));
		expect(refused.statusCode).toBe(403);
		expect(refused.body).toEqual({ error: { status: 403, message: 'Insufficient client scope' } });
		expect((await failure((await appClient()).getMe())).statusCode).toBe(403);
		expect(standin.playlists.size).toBe(0);
	});

	it("asks for the scope of the playlist's visibility: -private for private playlists, -public for public ones", async () => {
		const standin = await boot();
		const privateOnly = createClient({
			accessToken: standin.issueTokens('alice', 'playlist-modify-private').accessToken,
		});
		expect((await failure(privateOnly.createPlaylist('Loud', { public: true }))).statusCode).toBe(403);
		const created = await privateOnly.createPlaylist('Quiet', { public: false });
		expect(created.statusCode).toBe(201);
		const add = (token: string) =>
			fetch(`${standin.url}/v1/playlists/${created.body.id}/items`, {
				method: 'POST',
				headers: { ...bearer(token), 'content-type': 'application/json' },
				body: JSON.stringify({ uris: [`spotify:track:${standin.catalog.tracks[0]?.id}`] }),
			});
		expect((await add(standin.issueTokens('alice', 'playlist-modify-public').accessToken)).status).toBe(403);
		expect((await add(standin.issueTokens('alice', 'playlist-modify-private').accessToken)).status).toBe(201);
		const publicOnly = createClient({
			accessToken: standin.issueTokens('alice', 'playlist-modify-public').accessToken,
		});
		expect((await failure(publicOnly.createPlaylist('Quiet too', { public: false }))).statusCode).toBe(403);
	});

	it('surfaces a 429 with Retry-After on the library error, then recovers', async () => {
		const standin = await boot();
		const api = await appClient();
		standin.failNext({ kind: 'rate-limit', retryAfter: 7 }, { path: /^\/v1\/search/ });
		const limited = await failure(api.searchTracks('metal'));
		expect(limited.statusCode).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(limited.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
		expect((await api.searchTracks('metal')).body.tracks?.total).toBeGreaterThan(0);
		standin.failNext({ kind: 'rate-limit', retryAfter: 3600, quota: true });
		const quota = await failure(api.searchTracks('metal'));
		expect(quota.name).toBe('WebapiPlayerError');
		expect(quota.body.error).toMatchObject({ status: 429, reason: 'QUOTA_EXCEEDED' });
		expect(standin.searchQueries).toEqual(['metal', 'metal', 'metal']);
	});

	it('emulates development mode: unlisted users get 403, app tokens still search', async () => {
		const standin = await boot({ allowedUserIds: ['bob'] });
		const denied = await failure(createClient({ accessToken: standin.issueTokens('alice').accessToken }).getMe());
		expect(denied.statusCode).toBe(403);
		expect(denied.body).toEqual({
			error: {
				status: 403,
				message: 'Check settings on developer.spotify.com/dashboard, the user may not be registered.',
			},
		});
		expect((await createClient({ accessToken: standin.issueTokens('bob').accessToken }).getMe()).body.id).toBe('bob');
		expect((await (await appClient()).searchTracks('pop')).statusCode).toBe(200);
	});

	it('expires user tokens on demand and tells expired from unknown tokens', async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		const app = await appClient();
		standin.expireAccessTokens();
		const expired = await failure(api.getMe());
		expect(expired.statusCode).toBe(401);
		expect(expired.body).toEqual({ error: { status: 401, message: 'The access token expired' } });
		expect((await app.searchTracks('pop')).statusCode).toBe(200);
		const unknown = await failure(createClient({ accessToken: 'nope' }).getMe());
		expect(unknown.body).toEqual({ error: { status: 401, message: 'Invalid access token' } });
		api.setAccessToken((await api.refreshAccessToken()).body.access_token);
		expect((await api.getMe()).body.id).toBe('alice');
	});
});

describe('faults and hooks', () => {
	it('injects status, empty and dropped-connection faults', async () => {
		const standin = await boot();
		const api = await appClient();
		standin.failNext({ kind: 'status', status: 503 }, { times: 2 });
		expect((await failure(api.searchTracks('pop'))).statusCode).toBe(503);
		expect((await failure(api.getTrack(standin.catalog.tracks[0]?.id ?? ''))).statusCode).toBe(503);
		expect((await api.searchTracks('pop')).statusCode).toBe(200);
		standin.setFault({ kind: 'empty' });
		expect((await api.searchTracks('pop')).body.tracks?.total).toBe(0);
		expect((await api.searchTracks('rock')).body.tracks?.items).toEqual([]);
		standin.setFault(null);
		expect((await api.searchTracks('pop')).body.tracks?.total).toBeGreaterThan(0);
		standin.failNext({ kind: 'down' });
		await expect(fetch(`${standin.url}/v1/search?q=pop&type=track`)).rejects.toThrow();
	});

	it('loses the reply of a request it carried out', async () => {
		const standin = await boot({ autoApprove: true });
		const api = await userClient(standin);
		standin.failNext({ kind: 'lost-reply' }, { path: /^\/v1\/me\/playlists$/ });
		await expect(api.createPlaylist('Made anyway', { public: false })).rejects.toThrow();
		expect([...standin.playlists.values()].map((playlist) => playlist.name)).toEqual(['Made anyway']);
		expect((await api.createPlaylist('Answered', { public: false })).statusCode).toBe(201);
	});

	it('counts concurrent requests and adds latency', async () => {
		const standin = await boot({ latencyMs: 40, jitterMs: 10 });
		const api = await appClient();
		standin.resetRecords();
		standin.setFault({ kind: 'slow', ms: 100 }, { path: /search/ });
		const started = Date.now();
		await Promise.all(['a', 'b', 'c'].map((q) => api.searchTracks(`pop ${q}`)));
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(standin.maxInFlight).toBe(3);
		expect(standin.inFlight).toBe(0);
		expect(standin.requests.map((r) => r.query.q).sort()).toEqual(['pop a', 'pop b', 'pop c']);
		expect(standin.requests[0]?.headers.authorization).toBe(`Bearer ${api.getAccessToken()}`);
	});

	it('closes promptly while a request hangs', async () => {
		const standin = await startSpotifyStandin();
		standin.setFault({ kind: 'slow', ms: 60_000 });
		const hanging = fetch(`${standin.url}/v1/me`).catch((error: unknown) => error);
		await standin.waitForRequests((requests) => requests.some((request) => request.path === '/v1/me'));
		const started = Date.now();
		await standin.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await hanging).toBeInstanceOf(TypeError);
	});
});
