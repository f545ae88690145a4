import { describe, expect, it } from 'vitest';
import type { SpotifyStandin } from '../../standins/spotify.js';
import { boot, call, failedStatus, tokenFor, withLibrary, type Paged } from './spotifyKit.js';

// The Spotify stand-in's playlists as "extend my playlist" sees them: the user's own, followed and collaborative
// playlists, their items, and appending to them, with Spotify's scopes and owner/collaborator rules.

const READ_ALL = ['playlist-read-private', 'playlist-read-collaborative'];
const WRITE = ['playlist-modify-private', 'playlist-modify-public'];

interface Listed {
	id: string;
	name: string;
	public: boolean;
	collaborative: boolean;
	owner: { id: string };
	items: { href: string; total: number };
}

interface Item {
	added_at: string;
	item: { uri: string } | null;
}

const trackIds = (standin: SpotifyStandin, from: number, count: number) =>
	standin.catalog.tracks.slice(from, from + count).map((track) => track.id);

/** Alice's playlists, listed newest first: the seeds in the order given. */
function seedAlice(standin: SpotifyStandin) {
	const [mine = '', secret = '', shared = '', followed = '', hidden = ''] = standin.setListener('alice', {
		playlists: [
			{ name: 'Mine', trackIds: trackIds(standin, 0, 3) },
			{ name: 'Secret', public: false, trackIds: trackIds(standin, 3, 2) },
			{ name: 'Shared', ownerId: 'bob', collaborative: true, trackIds: trackIds(standin, 5, 1) },
			{ name: 'Editorial', ownerId: 'spotify', trackIds: trackIds(standin, 6, 4) },
			{ name: 'Bobs secret', ownerId: 'bob', public: false },
		],
	}).playlistIds;
	return { mine, secret, shared, followed, hidden };
}

describe('/v1/me/playlists', () => {
	it('lists owned and followed playlists as simplified playlists, paged', async () => {
		const standin = await boot();
		const ids = seedAlice(standin);
		const token = tokenFor(standin, 'alice', READ_ALL);
		const { body } = await withLibrary(standin, token, (api) => api.getUserPlaylists({ limit: 50 }));
		const listed = body.items as unknown as Listed[];
		expect(listed.map((p) => [p.name, p.owner.id, p.public, p.collaborative])).toEqual([
			['Mine', 'alice', true, false],
			['Secret', 'alice', false, false],
			['Shared', 'bob', false, true],
			['Editorial', 'spotify', true, false],
			['Bobs secret', 'bob', false, false],
		]);
		expect(listed[0]?.items).toEqual({ href: `${standin.url}/v1/playlists/${ids.mine}/items`, total: 3 });
		expect(listed[0]).not.toHaveProperty('tracks');
		const page = await call<Paged<Listed>>(standin, token, '/v1/me/playlists?limit=2&offset=2');
		expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
		expect(page.body.items.map((p) => p.id)).toEqual([ids.shared, ids.followed]);
		expect(page.body.next).toBe(`${standin.url}/v1/me/playlists?offset=4&limit=2`);
		expect(page.body.previous).toBe(`${standin.url}/v1/me/playlists?offset=0&limit=2`);
		const bob = await call<Paged<Listed>>(standin, tokenFor(standin, 'bob', READ_ALL), '/v1/me/playlists');
		expect(bob.body.items.map((p) => p.name)).toEqual(['Shared', 'Bobs secret']);
	});

	it('leaves out private playlists without playlist-read-private, collaborative ones without -collaborative', async () => {
		const standin = await boot();
		seedAlice(standin);
		const names = async (scopes: string[]) => {
			const page = await call<Paged<Listed>>(standin, tokenFor(standin, 'alice', scopes), '/v1/me/playlists');
			return page.body.items.map((p) => p.name);
		};
		expect(await names([])).toEqual(['Mine', 'Editorial']);
		expect(await names(['playlist-read-private'])).toEqual(['Mine', 'Secret', 'Editorial', 'Bobs secret']);
		expect(await names(['playlist-read-collaborative'])).toEqual(['Mine', 'Shared', 'Editorial']);
	});
});

describe('/v1/playlists/{id}/items', () => {
	it("pages a playlist's items for its owner and its collaborators, and refuses everyone else", async () => {
		const standin = await boot();
		const ids = seedAlice(standin);
		const token = tokenFor(standin, 'alice', READ_ALL);
		const first = await call<Paged<Item>>(standin, token, `/v1/playlists/${ids.mine}/items?limit=2&market=SE`);
		expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0, previous: null });
		expect(first.body.next).toBe(`${standin.url}/v1/playlists/${ids.mine}/items?offset=2&limit=2`);
		const second = await call<Paged<Item>>(standin, token, `/v1/playlists/${ids.mine}/items?limit=2&offset=2`);
		const uris = [...first.body.items, ...second.body.items].map((entry) => entry.item?.uri);
		expect(uris).toEqual(trackIds(standin, 0, 3).map((id) => `spotify:track:${id}`));
		expect(second.body.next).toBeNull();
		expect((await call<Paged<Item>>(standin, token, `/v1/playlists/${ids.shared}/items`)).body.total).toBe(1);
		const forbidden = { status: 403, body: { error: { status: 403, message: 'Forbidden' } } };
		expect(await call(standin, token, `/v1/playlists/${ids.followed}/items`)).toEqual(forbidden);
		expect(await call(standin, token, `/v1/playlists/${ids.hidden}/items`)).toEqual(forbidden);
		expect((await call(standin, tokenFor(standin, 'bob', READ_ALL), `/v1/playlists/${ids.mine}/items`)).status).toBe(
			403,
		);
		expect((await call(standin, token, '/v1/playlists/NoSuchPlaylist00000000/items')).status).toBe(404);
	});

	it('needs playlist-read-private for a private playlist, and none for a public one', async () => {
		const standin = await boot();
		const ids = seedAlice(standin);
		const bare = tokenFor(standin, 'alice', ['user-read-private']);
		expect(await call(standin, bare, `/v1/playlists/${ids.secret}/items`)).toEqual({
			status: 403,
			body: { error: { status: 403, message: 'Insufficient client scope' } },
		});
		expect((await call(standin, bare, `/v1/playlists/${ids.shared}/items`)).status).toBe(403);
		expect((await call(standin, bare, `/v1/playlists/${ids.mine}/items`)).status).toBe(200);
		const readPrivate = tokenFor(standin, 'alice', ['playlist-read-private']);
		expect((await call(standin, readPrivate, `/v1/playlists/${ids.secret}/items`)).status).toBe(200);
		expect((await call(standin, readPrivate, `/v1/playlists/${ids.mine}/items?limit=51`)).status).toBe(400);
		expect(standin.requestsTo(`/v1/playlists/${ids.secret}/items`)).toHaveLength(2);
	});
});

describe('appending to an existing playlist', () => {
	const append = (standin: SpotifyStandin, token: string, id: string, body: unknown) =>
		call<{ snapshot_id: string }>(standin, token, `/v1/playlists/${id}/items`, { method: 'POST', body });

	it('appends in order, inserts at a position, and GET items returns them', async () => {
		const standin = await boot();
		const ids = seedAlice(standin);
		const token = tokenFor(standin, 'alice', [...WRITE, ...READ_ALL]);
		const before = standin.playlists.get(ids.secret)?.snapshotId;
		const added = trackIds(standin, 20, 3).map((id) => `spotify:track:${id}`);
		const answer = await append(standin, token, ids.secret, { uris: added.slice(0, 2) });
		expect(answer.status).toBe(201);
		expect(answer.body.snapshot_id).not.toBe(before);
		expect((await append(standin, token, ids.secret, { uris: added.slice(2), position: 0 })).status).toBe(201);
		const { body } = await call<Paged<Item>>(standin, token, `/v1/playlists/${ids.secret}/items`);
		const seeded = trackIds(standin, 3, 2).map((id) => `spotify:track:${id}`);
		expect(body.items.map((entry) => entry.item?.uri)).toEqual([added[2], ...seeded, ...added.slice(0, 2)]);
		expect((await append(standin, token, ids.secret, { uris: added, position: 9 })).status).toBe(400);
		const tooMany = Array.from({ length: 101 }, () => added[0]);
		expect((await append(standin, token, ids.secret, { uris: tooMany })).body).toEqual({
			error: { status: 400, message: 'You can add a maximum of 100 tracks per request.' },
		});
		expect((await append(standin, token, ids.secret, { uris: tooMany.slice(1) })).status).toBe(201);
		expect(standin.playlists.get(ids.secret)?.uris).toHaveLength(105);
		expect(standin.requestsTo(`/v1/playlists/${ids.secret}/items`, 'POST')).toHaveLength(5);
	});

	it("lets collaborators append, refuses followers of someone else's playlist and missing scopes", async () => {
		const standin = await boot();
		const ids = seedAlice(standin);
		const uris = trackIds(standin, 30, 1).map((id) => `spotify:track:${id}`);
		const alice = tokenFor(standin, 'alice', WRITE);
		expect((await append(standin, alice, ids.shared, { uris })).status).toBe(201);
		expect(standin.playlists.get(ids.shared)?.uris.at(-1)).toBe(uris[0]);
		expect(await append(standin, alice, ids.followed, { uris })).toEqual({
			status: 403,
			body: { error: { status: 403, message: "You cannot add tracks to a playlist you don't own." } },
		});
		const bob = tokenFor(standin, 'bob', WRITE);
		expect((await append(standin, bob, ids.mine, { uris })).status).toBe(403);
		const publicOnly = tokenFor(standin, 'alice', ['playlist-modify-public', ...READ_ALL]);
		expect((await append(standin, publicOnly, ids.secret, { uris })).status).toBe(403);
		expect((await append(standin, publicOnly, ids.mine, { uris })).status).toBe(201);
		const readOnly = tokenFor(standin, 'alice', READ_ALL);
		expect((await append(standin, readOnly, ids.mine, { uris })).body).toEqual({
			error: { status: 403, message: 'Insufficient client scope' },
		});
		expect(await failedStatus(withLibrary(standin, alice, (api) => api.getPlaylistTracks(ids.mine)))).toBe(404);
		expect(standin.playlists.get(ids.mine)?.uris).toHaveLength(4);
	});
});
