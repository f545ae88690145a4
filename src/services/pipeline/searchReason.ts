// A search query as a reader would say it: `genre:"k-pop" year:2000-2009` → "search: genre k-pop, years 2000–2009".

const FIELD_NAMES: Record<string, string> = { genre: 'genre', year: 'years', artist: 'artist', track: 'title' };

export function searchReason(query: string): string {
	const fields: string[] = [];
	const words: string[] = [];
	for (const match of query.matchAll(/(\w+):("[^"]*"|\S+)|\S+/g)) {
		const [token, field, value] = match;
		if (field && value) {
			const text = value.replace(/^"|"$/g, '').replace(/-/g, field === 'year' ? '–' : '-');
			fields.push(`${FIELD_NAMES[field] ?? field} ${text}`);
		} else words.push(token);
	}
	return `search: ${[...fields, words.join(' ')].filter(Boolean).join(', ')}`;
}
