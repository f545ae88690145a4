// Matching names the way a listener would: "Beyoncé" = "beyonce", "Song (feat. X)" = "Song",
// "Song - Remastered 2011" = "Song", punctuation and spacing ignored.

const FEATURING = /\s*[([]\s*(?:feat|ft|featuring|with)\.?\s[^)\]]*[)\]]/gi;
const TRAILING_FEATURING = /\s+(?:feat|ft|featuring)\.?\s.*$/i;
const VERSION_SUFFIX =
	/\s+-\s+(?:(?:\d{4}\s+)?remaster(?:ed)?(?:\s+\d{4})?(?:\s+version)?|remix|radio edit|single version|album version|mono|stereo|live(?:\s.*)?|\d{4}\s+mix)\s*$/i;
const BRACKETED_VERSION =
	/\s*[([]\s*(?:(?:\d{4}\s+)?remaster(?:ed)?(?:\s+\d{4})?(?:\s+version)?|radio edit|single version|album version)\s*[)\]]/gi;

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
// Emoji and other symbols (\p{S}) mean something in a prompt: "🎉" and "💔" are different playlists.
const NOT_WORD_OR_SYMBOL = /[^\p{L}\p{N}\p{S}]+/gu;

function fold(text: string, separators = NOT_WORD): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(separators, ' ')
		.trim()
		.replace(/\s+/g, ' ');
}

/** The title as a search term: featuring and remaster notes removed, otherwise as written. */
export function cleanTitle(title: string): string {
	return title
		.replace(FEATURING, '')
		.replace(BRACKETED_VERSION, '')
		.replace(VERSION_SUFFIX, '')
		.replace(TRAILING_FEATURING, '')
		.trim();
}

export function normalizeTitle(title: string): string {
	return fold(cleanTitle(title));
}

export function normalizeArtist(artist: string): string {
	return fold(artist).replace(/^the /, '');
}

/** Key for "the same song": title plus first artist. */
export function songKey(title: string, artist: string): string {
	return `${normalizeTitle(title)}|${normalizeArtist(artist)}`;
}

/** Cache key part for a prompt: case, spacing and punctuation don't make a new playlist. */
export function normalizePrompt(prompt: string): string {
	return fold(prompt, NOT_WORD_OR_SYMBOL);
}
