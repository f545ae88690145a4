// Limits count characters differently: Spotify's in code points, String length (which the Discord replies measure
// their embeds by) in UTF-16 units.

export interface TruncateOptions {
	/** What `max` counts: code points (the default, which never splits a surrogate pair) or UTF-16 units. */
	unit?: 'codePoint' | 'utf16';
	/** Tidies the cut text before the ellipsis goes on: a trailing space, half an escape sequence. */
	tidy?: (cut: string) => string;
}

/** `text` when it fits in `max` characters; else its first `max - 1`, tidied, and an ellipsis. */
export function truncate(text: string, max: number, options: TruncateOptions = {}): string {
	const chars = options.unit === 'utf16' ? null : Array.from(text);
	if ((chars ?? text).length <= max) return text;
	const cut = chars ? chars.slice(0, max - 1).join('') : text.slice(0, max - 1);
	return `${options.tidy ? options.tidy(cut) : cut}…`;
}
