import type { CatalogAlbum, CatalogArtistRef, CatalogTrack } from '../catalog.js';
import type { Context } from './context.js';
import type { SpotifyUser, StandinPlaylist } from './types.js';

// Response objects, shaped like the spec's (no deprecated fields); `base` is the stand-in's URL for hrefs.

function links(base: string, type: string, id: string): object {
	return {
		external_urls: { spotify: `https://open.spotify.com/${type}/${id}` },
		href: `${base}/v1/${type}s/${id}`,
		id,
		type,
		uri: `spotify:${type}:${id}`,
	};
}

export function userObject(base: string, user: SpotifyUser): object {
	return { display_name: user.display_name, ...links(base, 'user', user.id) };
}

function artistObject(base: string, artist: CatalogArtistRef): object {
	return { name: artist.name, ...links(base, 'artist', artist.id) };
}

/** The full artist object of /v1/me/top/artists: genres, popularity and followers are gone for new apps. */
export function fullArtistObject(base: string, artist: CatalogArtistRef): object {
	return { images: [], name: artist.name, ...links(base, 'artist', artist.id) };
}

function albumObject(base: string, album: CatalogAlbum): object {
	return {
		album_type: album.albumType,
		total_tracks: album.totalTracks,
		images: album.images,
		name: album.name,
		release_date: album.release_date,
		release_date_precision: 'day',
		artists: album.artists.map((artist) => artistObject(base, artist)),
		...links(base, 'album', album.id),
	};
}

export function trackObject(base: string, track: CatalogTrack): object {
	return {
		album: albumObject(base, track.album),
		artists: track.artists.map((artist) => artistObject(base, artist)),
		disc_number: 1,
		duration_ms: track.durationMs,
		explicit: track.explicit,
		external_ids: { isrc: track.isrc },
		is_local: false,
		name: track.name,
		track_number: track.trackNumber,
		...links(base, 'track', track.id),
	};
}

/** The simplified playlist of /v1/me/playlists: `items` only links to the items and counts them. */
export function simplifiedPlaylistObject(ctx: Context, playlist: StandinPlaylist): object {
	return {
		...playlistBase(ctx, playlist),
		items: { href: `${ctx.url}/v1/playlists/${playlist.id}/items`, total: playlist.uris.length },
	};
}

function playlistBase(ctx: Context, playlist: StandinPlaylist): object {
	const owner = ctx.users.find((user) => user.id === playlist.ownerId) ?? { id: playlist.ownerId, display_name: '' };
	return {
		collaborative: playlist.collaborative,
		description: playlist.description,
		images: [],
		name: playlist.name,
		owner: userObject(ctx.url, owner),
		public: playlist.public,
		snapshot_id: playlist.snapshotId,
		...links(ctx.url, 'playlist', playlist.id),
	};
}

export function playlistObject(ctx: Context, playlist: StandinPlaylist): object {
	return {
		...playlistBase(ctx, playlist),
		items: {
			href: `${ctx.url}/v1/playlists/${playlist.id}/items`,
			items: [],
			limit: 100,
			next: null,
			offset: 0,
			previous: null,
			total: playlist.uris.length,
		},
	};
}
