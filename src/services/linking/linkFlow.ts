import type { Logger } from '../../log.js';
import type { HeldLinks } from './heldLinks.js';
import type { DiscordUser, OAuthStates } from './oauthStates.js';
import type { LinkedAccount, SpotifyLinks } from './linkedAccounts.js';
import type { SpotifyUserClient } from '../spotify/userClient.js';
import { EXTEND_SCOPES, LIBRARY_SCOPES, TASTE_SCOPES } from '../spotify/scopes.js';

// Linking a Discord user to their Spotify account with the authorization code flow.

// Only what a feature uses today; a feature that needs more asks the user to relink for it when first used.
// playlist-modify-private: saving creates a private playlist and adds its tracks. playlist-read-private lets a save
// interrupted after Spotify created the playlist find it again instead of making a second one (Spotify lists private
// playlists only with this scope). user-read-private: the linked account's name, shown on the link page.
export const SPOTIFY_LINK_SCOPES = ['playlist-modify-private', 'playlist-read-private', 'user-read-private'] as const;

// Scopes a personal feature asked for (spotify/scopes.ts): linking again asks for them again, so it never takes away
// a feature the user already allowed.
const KEPT_SCOPES = new Set<string>([...TASTE_SCOPES, ...LIBRARY_SCOPES, ...EXTEND_SCOPES]);

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
	/** Links exchanged but not yet confirmed in the browser. */
	held: HeldLinks;
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
	| { outcome: 'failed'; error: OAuthErrorCode | null }
	/** Exchanged, but stored only once the person in the browser confirms whom they link (confirmLink). */
	| { outcome: 'confirm'; pending: PendingLink };

/** What the confirm page shows, and the one-time token its form sends back. */
export interface PendingLink {
	token: string;
	account: LinkedAccount;
	discordUser: DiscordUser;
}

export interface ConfirmLinkInput {
	token: string | undefined;
	decision: 'link' | 'cancel';
}

export type ConfirmLinkResult =
	| { outcome: 'linked'; discordUserId: string; account: LinkedAccount }
	| { outcome: 'discarded' }
	| { outcome: 'invalid-state' };

export interface Linking {
	/** `scopes`: asked for besides SPOTIFY_LINK_SCOPES and the personal scopes the current link has. */
	beginLink(user: DiscordUser, options?: { scopes?: readonly string[] }): Promise<BeginLinkResult>;
	/**
	 * Never exchanges a code for an unknown, expired or used state. On consent, exchanges the code and holds the link
	 * for confirmation. Spotify failures throw typed errors.
	 */
	completeLink(input: CompleteLinkInput): Promise<CompleteLinkResult>;
	/** Stores (link) or discards (cancel) a held link; its token works once. */
	confirmLink(input: ConfirmLinkInput): Promise<ConfirmLinkResult>;
	/** True when the user was linked. */
	unlink(discordUserId: string): Promise<boolean>;
	getLink(discordUserId: string): Promise<LinkedAccount | null>;
	/** The scopes the link granted (empty when stored without them), or null when not linked. */
	getScopes(discordUserId: string): Promise<string[] | null>;
}

/** Spotify's authorize URL, every parameter encoded (the library's createAuthorizeURL does not encode). */
export function buildAuthorizeUrl(options: {
	accountsUrl: string;
	clientId: string;
	redirectUri: string;
	state: string;
	showDialog: boolean;
	/** Asked for besides SPOTIFY_LINK_SCOPES. */
	scopes?: readonly string[];
}): string {
	const params = new URLSearchParams({
		client_id: options.clientId,
		response_type: 'code',
		redirect_uri: options.redirectUri,
		scope: [...new Set([...SPOTIFY_LINK_SCOPES, ...(options.scopes ?? [])])].join(' '),
		state: options.state,
	});
	// When relinking, let the user pick another account instead of silently reusing the signed-in one.
	if (options.showDialog) params.set('show_dialog', 'true');
	return `${options.accountsUrl}/authorize?${params.toString()}`;
}

async function exchange(options: LinkingOptions, discordUser: DiscordUser, code: string): Promise<CompleteLinkResult> {
	const grant = await options.client.exchangeCode(code);
	const profile = await options.client.getMe(grant.accessToken);
	const token = await options.held.hold({ discordUser, grant, profile });
	options.logger.info({ discordUserId: discordUser.id }, 'spotify consent given; waiting for the browser to confirm');
	return { outcome: 'confirm', pending: { token, account: profile, discordUser } };
}

async function confirmLink(options: LinkingOptions, input: ConfirmLinkInput): Promise<ConfirmLinkResult> {
	const held = input.token ? await options.held.take(input.token) : null;
	if (!held) return { outcome: 'invalid-state' };
	const discordUserId = held.discordUser.id;
	if (input.decision === 'cancel') {
		options.logger.info({ discordUserId }, 'spotify link discarded in the browser (not me)');
		return { outcome: 'discarded' };
	}
	await options.links.saveLink(discordUserId, held.grant, held.profile);
	options.logger.info({ discordUserId, spotifyUserId: held.profile.spotifyUserId }, 'spotify account linked');
	return { outcome: 'linked', discordUserId, account: held.profile };
}

async function completeLink(options: LinkingOptions, input: CompleteLinkInput): Promise<CompleteLinkResult> {
	// The state is checked (and used up) before anything else, whatever Spotify sent with it.
	const discordUser = input.state ? await options.states.consume(input.state) : null;
	if (discordUser === null) return { outcome: 'invalid-state' };
	const discordUserId = discordUser.id;
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
	return exchange(options, discordUser, input.code);
}

export function createLinking(options: LinkingOptions): Linking {
	const { states, links, logger } = options;
	return {
		beginLink: async (user, extra = {}) => {
			const existing = await links.getLink(user.id);
			const kept = ((existing && (await links.getScopes(user.id))) ?? []).filter((scope) => KEPT_SCOPES.has(scope));
			const state = await states.issue(user);
			const scopes = [...kept, ...(extra.scopes ?? [])];
			// Always Spotify's account chooser: whoever opens the link sees which Spotify account they are about to use.
			return { url: buildAuthorizeUrl({ ...options, state, showDialog: true, scopes }), existing };
		},
		completeLink: (input) => completeLink(options, input),
		confirmLink: (input) => confirmLink(options, input),
		unlink: async (discordUserId) => {
			const existing = await links.getLink(discordUserId);
			// An unreadable link counts as not linked, but is removed all the same.
			await links.removeLink(discordUserId);
			if (existing) logger.info({ discordUserId }, 'spotify account unlinked');
			return existing !== null;
		},
		getLink: (discordUserId) => links.getLink(discordUserId),
		getScopes: (discordUserId) => links.getScopes(discordUserId),
	};
}
