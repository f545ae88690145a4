// Text helpers for the fake model: one normalized form for every comparison, word picking, hashing for seeds.

const STOPWORDS = new Set(
	'the and for with from that this some into your you me my our are was were give suggest please tracks track songs song music playlist make want need like about more any just very list find pick recommend respond json only'.split(
		' ',
	),
);

/** Lower-case, accents removed, punctuation to spaces: the shape used for every comparison. */
export function normalize(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export function containsPhrase(haystack: string, phrase: string): boolean {
	const needle = normalize(phrase);
	return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

export function significantWords(text: string): string[] {
	return normalize(text)
		.split(' ')
		.filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

export function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** FNV-1a, to derive per-request seeds from the request itself. */
export function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** "80s", "80's", "1990s", "2000s" → first year of the decade. */
export function spokenDecade(text: string): number | undefined {
	const match = /\b(19|20)?([0-9])0 ?s\b/.exec(text);
	if (match?.[2] === undefined) return undefined;
	const digit = Number(match[2]);
	const century = match[1] !== undefined ? Number(match[1]) * 100 : digit <= 2 ? 2000 : 1900;
	return century + digit * 10;
}

export function tokens(chars: number): number {
	return Math.ceil(chars / 4);
}

/** The answer as the model writes it: ≈ 4 characters per token, never splitting a surrogate pair. */
export function tokenPieces(content: string): string[] {
	const chars = Array.from(content);
	const pieces: string[] = [];
	for (let i = 0; i < chars.length; i += 4) pieces.push(chars.slice(i, i + 4).join(''));
	return pieces;
}

export function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}
