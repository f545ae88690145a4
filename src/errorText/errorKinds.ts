import { LlmBusyError, LlmWaitExpiredError } from '../services/llm/llmErrors.js';
import { ConfigError } from '../config.js';
import { UserError } from '../replies/userError.js';
import {
	InvalidPromptError,
	ModelNotFoundError,
	NothingFoundError,
	RateLimitedError,
	SpotifyCredentialsError,
	SpotifyUserNotAllowedError,
	UpstreamError,
	UpstreamTimeoutError,
	UpstreamUnreachableError,
} from '../services/errors.js';
import { DraftNotFoundError, LinkExpiredError, NotLinkedError } from '../services/linking/linkErrors.js';
import {
	NotOwnPlaylistError,
	PersonalNotLinkedError,
	PlaylistNotFoundError,
} from '../services/personal/personalErrors.js';
import { MissingScopeError } from '../services/spotify/scopes.js';
import { scopesInWords } from '../replies/scopeWords.js';
import { isInvalidGrant } from '../services/spotify/userClient.js';
import { StoreError } from '../services/store/storeContract.js';
import { errorKind, instanceOf, type Framing, type PageText } from './errorKind.js';

// Every failure a surface explains, most specific first: a surface uses the first kind that matches and has
// wording for its audience. Users are told what they can do; the owner is told which setting or service to check.

const USER_SERVICE_NAMES = { spotify: 'Spotify', ollama: 'The LLM' } as const;
const OWNER_SERVICE_NAMES = { spotify: 'Spotify', ollama: 'Ollama' } as const;
const OWNER_SERVICE_SETTINGS = {
	spotify: 'SPOTIFY_API_URL / SPOTIFY_ACCOUNTS_URL and the network',
	ollama: 'OLLAMA_HOST',
} as const;

/** Under a failed link's page: linking starts over from Discord, with a fresh sign-in link. */
export const LINK_AGAIN_HINT = 'Run <code>/link-spotify</code> in Discord to get a fresh link.';

/** Spotify answered an OAuth error code, on the redirect or when we exchanged the code. */
export function spotifyRefusedPage(code: string, framing: Framing): PageText {
	return {
		status: 400,
		title: 'Spotify reported a problem',
		paragraphs: [`Spotify answered ${framing.code(code)}. Nothing was linked.`],
		hint: LINK_AGAIN_HINT,
	};
}

const asWritten = (error: Error) => error.message;
const nothingFound = (error: NothingFoundError, framing: Framing) =>
	`Nothing found on Spotify for ${framing.quote(error.prompt)}. Try other words.`;

/** No answer, rate limited, or a server error: worth trying again later, unlike a refused request. */
function isUnavailable(error: unknown): error is UpstreamError {
	return error instanceof UpstreamError && (error.status === undefined || error.status === 429 || error.status >= 500);
}

/** Spotify's accounts service refused a code or refresh token (already used, expired or revoked). */
function isRefusedGrant(error: unknown): error is Error {
	return error instanceof Error && isInvalidGrant(error);
}

/** discord.js's TokenInvalid, or the gateway refusing the token at login. */
function isDiscordTokenRejected(error: unknown): error is Error {
	return (
		error instanceof Error &&
		/TokenInvalid|invalid token|rejected DISCORD_TOKEN/i.test(`${error.name} ${error.message}`)
	);
}

export const ERROR_KINDS = [
	// Their message is written to be shown as it is.
	errorKind('user-error', instanceOf(UserError), { user: asWritten }),
	errorKind('invalid-prompt', instanceOf(InvalidPromptError), { user: asWritten, owner: asWritten }),
	errorKind('config', instanceOf(ConfigError), { owner: asWritten, startup: asWritten }),
	errorKind('personal-not-linked', instanceOf(PersonalNotLinkedError), {
		user: () =>
			'Playlists from your taste, without the songs you have, or for one of your playlists use your Spotify account: link it first with **/link-spotify**, then try again.',
	}),
	// The router offers a relink with a link to Spotify; this is what is left when that offer could not be made.
	errorKind('missing-scope', instanceOf(MissingScopeError), {
		user: (error) =>
			`For this, Spotify needs your permission to **${scopesInWords(error.scopes)}**. Run **/link-spotify** and allow it, then try again.`,
	}),
	errorKind('not-own-playlist', instanceOf(NotOwnPlaylistError), {
		user: () => 'You can only extend your own playlists (or ones you collaborate on). Pick one of yours from the list.',
	}),
	errorKind('playlist-not-found', instanceOf(PlaylistNotFoundError), {
		user: () => "That isn't one of your Spotify playlists. Pick one from the list as you type in **extend**.",
	}),
	errorKind('not-linked', instanceOf(NotLinkedError), {
		user: () => 'Link your Spotify account first with **/link-spotify**, then press **Save to Spotify** again.',
	}),
	errorKind('link-expired', instanceOf(LinkExpiredError), {
		user: () =>
			'Your Spotify link has expired or was revoked (Spotify ends links after 6 months). Run **/link-spotify** to link it again.',
	}),
	errorKind('draft-not-found', instanceOf(DraftNotFoundError), {
		user: () => 'This playlist has expired and was cleared. Press **Regenerate** to make a new one.',
	}),
	errorKind('nothing-found', instanceOf(NothingFoundError), { user: nothingFound, owner: nothingFound }),
	errorKind('rate-limited', instanceOf(RateLimitedError), {
		user: (error) =>
			error.quota
				? 'Spotify has paused this bot for a while (request quota used up). Please try again later.'
				: `Spotify asks us to slow down. Please try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`,
		owner: (error) =>
			error.quota
				? 'Spotify says this app has used up its request quota; try again later.'
				: `Spotify is rate limiting this app; try again in ${error.retryAfterSeconds} s.`,
	}),
	errorKind('user-not-allowed', instanceOf(SpotifyUserNotAllowedError), {
		user: () =>
			"This bot's Spotify app is in development mode and your Spotify account isn't on its list of users. Ask the bot owner to add your Spotify account (name and email) under **User Management** in the Spotify developer dashboard (at most 5 users).",
		page: () => ({
			status: 403,
			title: 'Spotify account not allowed yet',
			paragraphs: [
				"This bot's Spotify app runs in development mode, and your Spotify account is not on its list of users.",
				'Ask the bot owner to add your account in the Spotify developer dashboard (User Management).',
			],
			hint: 'Then run <code>/link-spotify</code> in Discord again.',
		}),
	}),
	errorKind('spotify-credentials', instanceOf(SpotifyCredentialsError), {
		user: () =>
			"Spotify rejected this bot's app credentials. The bot owner needs to check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.",
		owner: () =>
			'Spotify rejected SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET: copy both again from https://developer.spotify.com/dashboard.',
	}),
	errorKind('llm-busy', instanceOf(LlmBusyError), {
		user: () => '⏳ The bot is busy right now: many playlists are waiting for the LLM. Try again in a minute.',
		owner: (error) => `${error.waiting} requests already wait for Ollama (OLLAMA_QUEUE_MAX); try again in a minute.`,
	}),
	// Its interaction is about to die; the user is told only if the reply still reaches them.
	errorKind('llm-wait-expired', instanceOf(LlmWaitExpiredError), {
		user: () => '⏳ The bot was too busy to finish this in time. Please try again.',
	}),
	errorKind('model-not-found', instanceOf(ModelNotFoundError), {
		user: () => 'The LLM model is not installed on the server. The bot owner needs to run `ollama pull`.',
	}),
	// Shown like Spotify's own error code on the redirect: the user simply starts linking over.
	errorKind('refused-grant', isRefusedGrant, {
		page: (_error, framing) => spotifyRefusedPage('invalid_grant', framing),
	}),
	errorKind('upstream-unreachable', instanceOf(UpstreamUnreachableError), {
		owner: (error) =>
			`Cannot reach ${OWNER_SERVICE_NAMES[error.service]} (check ${OWNER_SERVICE_SETTINGS[error.service]}).`,
	}),
	errorKind('upstream-timeout', instanceOf(UpstreamTimeoutError), {
		owner: (error) => `${OWNER_SERVICE_NAMES[error.service]} did not answer in time; try again.`,
	}),
	// Linking talks only to Spotify.
	errorKind('upstream-unavailable', isUnavailable, {
		page: () => ({
			status: 502,
			title: 'Spotify did not answer',
			paragraphs: ['Linking could not be finished because Spotify did not answer in time. Nothing was linked.'],
			hint: 'Wait a minute, then run <code>/link-spotify</code> in Discord again.',
		}),
	}),
	errorKind('upstream', instanceOf(UpstreamError), {
		user: (error) => `${USER_SERVICE_NAMES[error.service]} is not answering right now. Please try again in a minute.`,
		owner: (error) => `${OWNER_SERVICE_NAMES[error.service]} failed: ${error.message}`,
	}),
	// Start-up fails only when opening the database; the terminal command can also fail mid-run.
	errorKind('store', instanceOf(StoreError), {
		owner: (error) => `Database problem (DATABASE_URL): ${error.message}`,
		startup: (error) => `Cannot use the database (DATABASE_URL): ${error.message}`,
	}),
	errorKind('discord-token', isDiscordTokenRejected, {
		startup: () =>
			'Discord rejected DISCORD_TOKEN. Copy it again from https://discord.com/developers/applications → Bot → Reset Token.',
	}),
];
