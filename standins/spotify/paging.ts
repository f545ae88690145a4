// Spotify's offset paging, shared by every list route: read `limit`/`offset` with the route's default, then answer a
// paging object whose `href`, `next` and `previous` links keep the request's other query params.

export interface PageRequest {
	limit: number;
	offset: number;
}

export interface PageOf<T> extends PageRequest {
	href: string;
	items: T[];
	next: string | null;
	previous: string | null;
	total: number;
}

/** The spec's checks on limit and offset already ran; this fills defaults and refuses a negative offset. */
export function readPage(query: Record<string, string>, defaultLimit: number): PageRequest | string {
	const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(limit) || limit < 1) return 'Invalid limit';
	if (!Number.isInteger(offset) || offset < 0) return 'Invalid offset';
	return { limit, offset };
}

/** One page of `all`; `url` is the route's absolute URL and `keep` the query params its links repeat. */
export function pageOf<T, R>(
	all: readonly T[],
	page: PageRequest,
	link: { url: string; keep?: Record<string, string | undefined> },
	map: (item: T) => R,
): PageOf<R> {
	const { limit, offset } = page;
	const href = (at: number): string => {
		const params = new URLSearchParams({ offset: String(at), limit: String(limit) });
		for (const [name, value] of Object.entries(link.keep ?? {})) if (value !== undefined) params.set(name, value);
		return `${link.url}?${params.toString()}`;
	};
	return {
		href: href(offset),
		items: all.slice(offset, offset + limit).map(map),
		limit,
		next: offset + limit < all.length ? href(offset + limit) : null,
		offset,
		previous: offset > 0 ? href(Math.max(0, offset - limit)) : null,
		total: all.length,
	};
}
