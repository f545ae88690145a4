import type { Logger } from '../../log.js';
import type { OAuthStates } from './oauthStates.js';
import type { LinkedAccount, SpotifyLinks } from './linkedAccounts.js';
import type { SpotifyUserClient } from '../spotify/userClient.js';

// Linking a Discord user to their Spotify account with the authorization code flow.

// Only what a feature uses today; a feature that needs more asks the user to relink for it when first used.
// playlist-modify-private: saving creates a private playlist and adds its tracks. playlist-read-private lets a save
// interrupted after Spotify created the playlist find it again instead of making a second one (Spotify lists private
// playlists only with this scope). user-read-private: the linked account's name, shown on the link page.
export const SPOTIFY_LINK_SCOPES = ['playlist-modify-private', 'playlist-read-private', 'user-read-private'] as const;

// RFC 6749 §4.1.2.1: the only error codes an authorization response may carry. Anything else in `error` is whatever
// the browser's URL said, so it is neither shown nor logged whole.
const OAUTH_ERROR_CODES = [
	'invalid_request',
	'unauthorized_client',
	'access_denied',
	'unsupported_response_type',
	'invalid_scope',
	'server_error',
	'temporarily_unavailable',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];
const LOGGED_ERROR_MAX = 100;

const asOAuthErrorCode = (error: string | undefined): OAuthErrorCode | null =>
	OAUTH_ERROR_CODES.find((code) => code === error) ?? null;

export interface LinkingOptions {
	clientId: string;
	accountsUrl: string;
	redirectUri: string;
	states: OAuthStates;
	links: SpotifyLinks;
	client: SpotifyUserClient;
	logger: Logger;
}

export interface BeginLinkResult {
	/** Spotify's consent page; valid for 10 minutes and one use. */
	url: string;
	/** The account linked now, if any: linking again replaces it. */
	existing: LinkedAccount | null;
}

/** The callback's query: `code` on consent, `error` (e.g. access_denied) otherwise. */
export interface CompleteLinkInput {
	state: string | undefined;
	code: string | undefined;
	error: string | undefined;
}

export type CompleteLinkResult =
	| { outcome: 'linked'; discordUserId: string; account: LinkedAccount }
	| { outcome: 'invalid-state' }
	| { outcome: 'denied' }
	/** `error`: one of the OAuth 2.0 error codes Spotify sent, or null for anything else (no code, unknown text). */
	| { outcome: 'failed'; error: OAuthErrorCode | null };

export interface Linking {
	beginLink(discordUserId: string): Promise<BeginLinkResult>;
	/** Never exchanges a code for an unknown, expired or used state. Spotify failures throw typed errors. */
	completeLink(input: CompleteLinkInput): Promise<CompleteLinkResult>;
	/** True when the user was linked. */
	unlink(discordUserId: string): Promise<boolean>;
	getLink(discordUserId: string): Promise<LinkedAccount | null>;
}

/** Spotify's authorize URL, every parameter encoded (the library's createAuthorizeURL does not encode). */
export function buildAuthorizeUrl(options: {
	accountsUrl: string;
	clientId: string;
	redirectUri: string;
	state: string;
	showDialog: boolean;
}): string {
	const params = new URLSearchParams({
		client_id: options.clientId,
		response_type: 'code',
		redirect_uri: options.redirectUri,
		scope: SPOTIFY_LINK_SCOPES.join(' '),
		state: options.state,
	});
	// When relinking, let the user pick another account instead of silently reusing the signed-in one.
	if (options.showDialog) params.set('show_dialog', 'true');
	return `${options.accountsUrl}/authorize?${params.toString()}`;
}

async function exchange(options: LinkingOptions, discordUserId: string, code: string): Promise<CompleteLinkResult> {
	const grant = await options.client.exchangeCode(code);
	const profile = await options.client.getMe(grant.accessToken);
	await options.links.saveLink(discordUserId, grant, profile);
	options.logger.info({ discordUserId, spotifyUserId: profile.spotifyUserId }, 'spotify account linked');
	return { outcome: 'linked', discordUserId, account: profile };
}

async function completeLink(options: LinkingOptions, input: CompleteLinkInput): Promise<CompleteLinkResult> {
	// The state is checked (and used up) before anything else, whatever Spotify sent with it.
	const discordUserId = input.state ? await options.states.consume(input.state) : null;
	if (discordUserId === null) return { outcome: 'invalid-state' };
	if (input.error === 'access_denied') {
		options.logger.info({ discordUserId }, 'spotify consent denied');
		return { outcome: 'denied' };
	}
	if (input.error !== undefined || !input.code) {
		const error = asOAuthErrorCode(input.error);
		const logged = input.error === undefined ? 'no code' : input.error.slice(0, LOGGED_ERROR_MAX);
		options.logger.warn({ discordUserId, error: logged }, 'spotify authorization failed');
		return { outcome: 'failed', error };
	}
	return exchange(options, discordUserId, input.code);
}

export function createLinking(options: LinkingOptions): Linking {
	const { states, links, logger } = options;
	return {
		beginLink: async (discordUserId) => {
			const existing = await links.getLink(discordUserId);
			const state = await states.issue(discordUserId);
			return { url: buildAuthorizeUrl({ ...options, state, showDialog: existing !== null }), existing };
		},
		completeLink: (input) => completeLink(options, input),
		unlink: async (discordUserId) => {
			const existing = await links.getLink(discordUserId);
			// An unreadable link counts as not linked, but is removed all the same.
			await links.removeLink(discordUserId);
			if (existing) logger.info({ discordUserId }, 'spotify account unlinked');
			return existing !== null;
		},
		getLink: (discordUserId) => links.getLink(discordUserId),
	};
}
