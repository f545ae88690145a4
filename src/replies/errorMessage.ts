import {
	InvalidPromptError,
	ModelNotFoundError,
	NothingFoundError,
	RateLimitedError,
	SpotifyCredentialsError,
	SpotifyUserNotAllowedError,
	UpstreamError,
} from '../services/errors.js';
import { DraftNotFoundError, LinkExpiredError, NotLinkedError } from '../services/linking/linkErrors.js';
import { escapeText, truncate } from './escapeText.js';
import { UserError } from './userError.js';

/** What to tell the user about a failure, or null when only a generic line with an error id fits. */
export function userMessageFor(error: unknown): string | null {
	if (error instanceof UserError || error instanceof InvalidPromptError) return error.message;
	if (error instanceof NotLinkedError) {
		return 'Link your Spotify account first with **/link-spotify**, then press **Save to Spotify** again.';
	}
	if (error instanceof LinkExpiredError) {
		return 'Your Spotify link has expired or was revoked (Spotify ends links after 6 months). Run **/link-spotify** to link it again.';
	}
	if (error instanceof DraftNotFoundError) {
		return 'This playlist is older than 30 days and was cleared. Press **Regenerate** to make a new one.';
	}
	if (error instanceof NothingFoundError) {
		return `Nothing found on Spotify for “${truncate(escapeText(error.prompt), 100)}”. Try other words.`;
	}
	if (error instanceof RateLimitedError) {
		return error.quota
			? 'Spotify has paused this bot for a while (request quota used up). Please try again later.'
			: `Spotify asks us to slow down. Please try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`;
	}
	if (error instanceof SpotifyUserNotAllowedError) {
		return "This bot's Spotify app is in development mode and your Spotify account isn't on its list of users. Ask the bot owner to add your Spotify account (name and email) under **User Management** in the Spotify developer dashboard (at most 5 users).";
	}
	if (error instanceof SpotifyCredentialsError) {
		return "Spotify rejected this bot's app credentials. The bot owner needs to check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.";
	}
	if (error instanceof ModelNotFoundError)
		return 'The LLM model is not installed on the server. The bot owner needs to run `ollama pull`.';
	if (error instanceof UpstreamError) {
		const name = error.service === 'spotify' ? 'Spotify' : 'The LLM';
		return `${name} is not answering right now. Please try again in a minute.`;
	}
	return null;
}
