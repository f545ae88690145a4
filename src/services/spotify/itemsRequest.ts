// spotify-web-api-node's playlist-item calls target the removed `/playlists/{id}/tracks`; these requests go to
// `/playlists/{id}/items` with fetch, and fail the way the library's errors do, so spotifyRequest treats both alike.

/** A response body as JSON, or as text when it is not JSON (Spotify's gateway errors are sometimes HTML). */
export async function readBody(response: Response): Promise<unknown> {
	const text = await response.text();
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A non-2xx answer to a call we make with fetch, shaped like the library's errors for readSpotifyFailure. */
export class SpotifyHttpError extends Error {
	constructor(
		readonly statusCode: number,
		readonly headers: Record<string, string>,
		readonly body: unknown,
	) {
		super(`spotify answered ${statusCode}`);
		this.name = 'SpotifyHttpError';
	}
}

/** The library's playlist-item calls target the removed `/tracks`; these go to `/items` with fetch. */
export async function fetchItems(
	apiUrl: string,
	options: { accessToken: string; playlistId: string; timeoutMs: number; query?: string; uris?: string[] },
): Promise<unknown> {
	const { accessToken, playlistId, uris } = options;
	const url = `${apiUrl}/v1/playlists/${encodeURIComponent(playlistId)}/items${options.query ?? ''}`;
	const response = await fetch(url, {
		method: uris ? 'POST' : 'GET',
		headers: { authorization: `Bearer ${accessToken}`, ...(uris && { 'content-type': 'application/json' }) },
		body: uris && JSON.stringify({ uris }),
		signal: AbortSignal.timeout(options.timeoutMs),
	});
	const body = await readBody(response);
	if (response.ok) return body;
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
	throw new SpotifyHttpError(response.status, headers, body);
}
