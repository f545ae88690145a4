import { truncate } from './truncate.js';

/** Spotify's limit on a playlist's name; the name given here already fits. */
export const PLAYLIST_NAME_MAX = 100;

/** The prompt as a playlist name: capitalized, and cut to PLAYLIST_NAME_MAX. */
export function playlistName(prompt: string): string {
	const name = truncate(prompt, PLAYLIST_NAME_MAX, { unit: 'utf16', tidy: (cut) => cut.trimEnd() });
	return name.charAt(0).toUpperCase() + name.slice(1);
}
