import { PLAYLIST_NAME_MAX } from '../pipeline/playlistName.js';
import type { PlaylistDraft } from '../pipeline/playlistTypes.js';
import { truncate } from '../pipeline/truncate.js';
import type { PlaylistDetails } from '../spotify/userClient.js';

// What a saved playlist looks like on Spotify: its name and description within Spotify's limits, and how many
// add-items requests its tracks take.

/** What a save needs of a draft; a PlaylistDraft fits. */
export type SaveableDraft = Pick<PlaylistDraft, 'id' | 'name' | 'prompt'> & { tracks: readonly { uri: string }[] };

export const SPOTIFY_ITEMS_PER_REQUEST = 100;
export const PLAYLIST_DESCRIPTION_MAX = 300;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function buildPlaylistDetails(draft: SaveableDraft): PlaylistDetails {
	return {
		name: truncate(oneLine(draft.name) || 'promptlist playlist', PLAYLIST_NAME_MAX),
		description: truncate(oneLine(`Made by promptlist from: ${draft.prompt}`), PLAYLIST_DESCRIPTION_MAX),
		public: false,
	};
}

/** How many requests of at most 100 items the draft's tracks take. */
export function chunkCount(draft: SaveableDraft): number {
	return Math.ceil(draft.tracks.length / SPOTIFY_ITEMS_PER_REQUEST);
}
