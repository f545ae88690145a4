import { UpstreamError } from '../errors.js';
import { readSpotifyFailure } from './spotifyFailure.js';

// The scopes the personal features need beyond what linking asks for, and the error a call without them raises.
// Each feature asks for its scopes when first used (a relink), so links made before keep working for the rest.

/** "From my taste": GET /v1/me/top/artists and /v1/me/top/tracks. */
export const TASTE_SCOPES = ['user-top-read'] as const;
/** "New to me": GET /v1/me/library/contains for tracks. */
export const LIBRARY_SCOPES = ['user-library-read'] as const;
/**
 * "Extend my playlist": /v1/me/playlists lists private playlists only with -read-private and collaborative ones only
 * with -read-collaborative; POST /v1/playlists/{id}/items needs -modify-public or -private after the playlist's kind.
 */
export const EXTEND_SCOPES = [
	'playlist-read-private',
	'playlist-read-collaborative',
	'playlist-modify-public',
	'playlist-modify-private',
] as const;

/** Spotify answered 403 because the user's token lacks `scopes`: the user must relink, granting them. */
export class MissingScopeError extends UpstreamError {
	constructor(
		readonly scopes: readonly string[],
		options?: ErrorOptions,
	) {
		super('spotify', `the spotify link lacks the scope ${scopes.join(', ')}`, 403, options);
		this.name = 'MissingScopeError';
	}
}

/** Spotify's 403 for a token without the scope an endpoint needs ("Insufficient client scope"). */
export function isInsufficientScope(error: unknown): boolean {
	const failure = readSpotifyFailure(error);
	return failure.status === 403 && /scope/i.test(failure.message ?? '');
}

/** The scopes a space-separated grant names; an empty grant (a link stored without it) names none. */
export function parseScopes(scope: string): string[] {
	return scope.split(/[\s,]+/).filter(Boolean);
}
