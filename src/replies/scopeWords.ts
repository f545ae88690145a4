// Spotify's scopes as a listener would say what they allow, for the relink offer: "Spotify needs your permission to
// see your top artists and tracks".

const SCOPE_WORDS: Record<string, string> = {
	'user-top-read': 'see your top artists and tracks',
	'user-library-read': 'check which songs are in your library',
	'playlist-read-private': 'see your playlists',
	'playlist-read-collaborative': 'see your playlists',
	'playlist-modify-public': 'add songs to your playlists',
	'playlist-modify-private': 'add songs to your playlists',
	'user-read-private': 'see your account name',
};

/** "see your top artists and tracks and check which songs are in your library", each thing once. */
export function scopesInWords(scopes: readonly string[]): string {
	const said = [...new Set(scopes.map((scope) => SCOPE_WORDS[scope] ?? `use ${scope}`))];
	// "see your playlists and add songs to them", not "… to your playlists" twice.
	const seeing = said.includes('see your playlists');
	const words = said.map((words) => (seeing && words === 'add songs to your playlists' ? 'add songs to them' : words));
	if (words.length <= 1) return words[0] ?? '';
	return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
