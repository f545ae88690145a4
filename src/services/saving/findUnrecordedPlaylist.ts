import type { Logger } from '../../log.js';
import { SpotifyUserNotAllowedError } from '../errors.js';
import type { SpotifyLinks } from '../linking/linkedAccounts.js';
import type { ListedPlaylist, SpotifyUserClient } from '../spotify/userClient.js';

// A save can stop after Spotify created its playlist but before we recorded it: the process was killed, or the
// reply was lost on the way (the create is never retried, as it isn't idempotent). Before creating another, a
// retry looks for that playlist among the user's own: the newest empty one with the draft's name. Items are only
// added after the playlist is recorded, so an unrecorded playlist of ours is always empty.

/** Spotify lists the newest playlists first; an interrupted save's playlist is near the top. */
const MAX_PAGES = 4;

export interface UnrecordedPlaylistSearch {
	links: Pick<SpotifyLinks, 'withUserToken'>;
	client: Pick<SpotifyUserClient, 'listPlaylists'>;
	logger: Logger;
}

export interface LostPlaylist {
	discordUserId: string;
	spotifyUserId: string;
	name: string;
}

const isLost = (playlist: ListedPlaylist, lost: LostPlaylist) =>
	playlist.ownerId === lost.spotifyUserId && playlist.name === lost.name && playlist.itemCount === 0;

export async function findUnrecordedPlaylist(
	search: UnrecordedPlaylistSearch,
	lost: LostPlaylist,
): Promise<ListedPlaylist | undefined> {
	let offset: number | null = 0;
	try {
		for (let page = 0; page < MAX_PAGES && offset !== null; page++) {
			const at: number = offset;
			const { playlists, nextOffset } = await search.links.withUserToken(lost.discordUserId, (token) =>
				search.client.listPlaylists(token, at),
			);
			const found = playlists.find((playlist) => isLost(playlist, lost));
			if (found) return found;
			offset = nextOffset;
		}
		return undefined;
	} catch (error) {
		// A link made before we asked for playlist-read-private sees no private playlist (or a 403): a new one it is.
		if (!(error instanceof SpotifyUserNotAllowedError)) throw error;
		search.logger.warn({ discordUserId: lost.discordUserId }, 'cannot list playlists to find an interrupted save');
		return undefined;
	}
}
