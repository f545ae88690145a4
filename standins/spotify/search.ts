import { searchCatalog, type CatalogTrack } from '../catalog.js';
import type { ApiCall } from './context.js';
import { trackObject } from './objects.js';
import { apiError } from './replies.js';

// Catalog reads: /v1/search with Spotify's paging (limit, offset, next/previous links) and `market` (only what is
// available there), and /v1/tracks/{id}.

const SEARCH_DEFAULT_LIMIT = 5;
const SEARCH_MAX_OFFSET = 1000;

export function handleSearch({ ctx, req, res, query }: ApiCall): void {
	const q = (query.q ?? '').trim();
	if (q === '') return apiError(res, 400, 'No search query');
	const limit = Number(query.limit ?? SEARCH_DEFAULT_LIMIT);
	const offset = Number(query.offset ?? 0);
	const market = query.market;
	if (market !== undefined && !/^[A-Z]{2}$/.test(market)) return apiError(res, 400, 'Invalid market code');
	const found = ctx.emptySearch.has(req) ? [] : searchCatalog(ctx.catalog, q).filter(availableIn(market));
	const types = (query.type ?? '').split(',').map((type) => type.trim());
	const body: Record<string, object> = {};
	for (const type of types) {
		const matches = type === 'track' ? found : [];
		const items = matches.slice(offset, offset + limit).map((track) => trackObject(ctx.url, track));
		body[`${type}s`] = searchPage(ctx.url, { q, type, limit, offset, total: matches.length, items });
	}
	res.json(body);
}

/** As Spotify does with a market: only tracks available there; without one, everything. */
function availableIn(market: string | undefined): (track: CatalogTrack) => boolean {
	return (track) => market === undefined || track.markets === undefined || track.markets.includes(market);
}

function searchPage(
	base: string,
	page: { q: string; type: string; limit: number; offset: number; total: number; items: object[] },
): object {
	const href = (offset: number): string =>
		`${base}/v1/search?offset=${offset}&limit=${page.limit}&query=${encodeURIComponent(page.q)}&type=${page.type}`;
	const nextOffset = page.offset + page.limit;
	return {
		href: href(page.offset),
		items: page.items,
		limit: page.limit,
		next: nextOffset < page.total && nextOffset <= SEARCH_MAX_OFFSET ? href(nextOffset) : null,
		offset: page.offset,
		previous: page.offset > 0 ? href(Math.max(0, page.offset - page.limit)) : null,
		total: page.total,
	};
}

export function handleGetTrack({ ctx, res, params }: ApiCall): void {
	const id = params.id ?? '';
	if (!/^[0-9A-Za-z]{22}$/.test(id)) return apiError(res, 400, 'Invalid base62 id');
	const track = ctx.catalog.findTrack(id);
	if (!track) return apiError(res, 404, 'Resource not found');
	res.json(trackObject(ctx.url, track));
}
