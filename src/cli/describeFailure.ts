import {
	InvalidPromptError,
	NothingFoundError,
	RateLimitedError,
	SpotifyCredentialsError,
	UpstreamError,
	UpstreamTimeoutError,
	UpstreamUnreachableError,
} from '../services/errors.js';
import { StoreError } from '../services/store/createStore.js';

/** One line an owner can act on, for the terminal command. */
export function describeFailure(error: unknown): string {
	if (error instanceof InvalidPromptError) return error.message;
	if (error instanceof NothingFoundError) return `Nothing found on Spotify for "${error.prompt}". Try other words.`;
	if (error instanceof SpotifyCredentialsError) {
		return 'Spotify rejected SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET: copy both again from https://developer.spotify.com/dashboard.';
	}
	if (error instanceof RateLimitedError) {
		return error.quota
			? 'Spotify says this app has used up its request quota; try again later.'
			: `Spotify is rate limiting this app; try again in ${error.retryAfterSeconds} s.`;
	}
	if (error instanceof UpstreamUnreachableError)
		return `Cannot reach ${error.service === 'spotify' ? 'Spotify (check SPOTIFY_API_URL / SPOTIFY_ACCOUNTS_URL and the network)' : 'Ollama (check OLLAMA_HOST)'}.`;
	if (error instanceof UpstreamTimeoutError)
		return `${error.service === 'spotify' ? 'Spotify' : 'Ollama'} did not answer in time; try again.`;
	if (error instanceof UpstreamError)
		return `${error.service === 'spotify' ? 'Spotify' : 'Ollama'} failed: ${error.message}`;
	if (error instanceof StoreError) return `Database problem (DATABASE_URL): ${error.message}`;
	return `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
