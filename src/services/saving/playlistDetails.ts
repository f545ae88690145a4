import type { PlaylistDraft } from '../pipeline/playlistTypes.js';
import type { PlaylistDetails } from '../spotify/userClient.js';

// What a saved playlist looks like on Spotify: its name and description within Spotify's limits, and how many
// add-items requests its tracks take.

/** What a save needs of a draft; a PlaylistDraft fits. */
export type SaveableDraft = Pick<PlaylistDraft, 'id' | 'name' | 'prompt'> & { tracks: readonly { uri: string }[] };

export const SPOTIFY_ITEMS_PER_REQUEST = 100;
export const PLAYLIST_NAME_MAX = 100;
export const PLAYLIST_DESCRIPTION_MAX = 300;

/** Cuts to `max` characters (code points, so no broken surrogate pairs), ending with an ellipsis. */
function truncate(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

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
