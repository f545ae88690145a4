import { z } from 'zod';
import type { Logger } from '../../log.js';
import { LinkExpiredError, NotLinkedError } from './linkErrors.js';
import { readSpotifyFailure } from '../spotify/spotifyFailure.js';
import { isInvalidGrant, type SpotifyProfile, type SpotifyUserClient, type TokenGrant } from '../spotify/userClient.js';
import type { Collection } from '../store/createStore.js';
import { openJson, sealJson } from './tokenCrypto.js';

// One Spotify link per Discord user: tokens, expiry and profile, sealed with AES-256-GCM as a whole. Tokens
// never leave this module except into the task given to withUserToken.

/** What the command layer may see of a link. */
export interface LinkedAccount {
	spotifyUserId: string;
	displayName: string;
}

export interface SpotifyLinksOptions {
	/** Holds sealed strings, never plain tokens. */
	collection: Collection<string>;
	encryptionKey: Buffer;
	client: SpotifyUserClient;
	logger: Logger;
	now?: () => number;
}

export interface SpotifyLinks {
	getLink(discordUserId: string): Promise<LinkedAccount | null>;
	saveLink(discordUserId: string, grant: TokenGrant, profile: SpotifyProfile): Promise<void>;
	/** True when a link was stored (readable or not). */
	removeLink(discordUserId: string): Promise<boolean>;
	/**
	 * Runs `task` with a fresh access token: refreshed when it expires within 60 s, and refreshed once more
	 * when Spotify answers 401. Throws NotLinkedError (no Spotify call made) or LinkExpiredError.
	 */
	withUserToken<T>(discordUserId: string, task: (accessToken: string) => Promise<T>): Promise<T>;
}

const LINK_SCHEMA = z.object({
	accessToken: z.string().min(1),
	refreshToken: z.string().min(1),
	expiresAt: z.number(),
	scope: z.string(),
	spotifyUserId: z.string().min(1),
	displayName: z.string(),
	linkedAt: z.number(),
});

type StoredLink = z.infer<typeof LINK_SCHEMA>;

// Refresh a little early, so a token never expires between our check and Spotify's.
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

interface LinkContext extends Required<SpotifyLinksOptions> {
	/** One refresh per user at a time: with rotation, a second concurrent refresh would use a dead token. */
	refreshing: Map<string, Promise<string>>;
}

const sealContext = (discordUserId: string) => `spotify-link:${discordUserId}`;

async function readLink(ctx: LinkContext, discordUserId: string): Promise<StoredLink | null> {
	const sealed = await ctx.collection.get(discordUserId);
	if (sealed === undefined) return null;
	try {
		return LINK_SCHEMA.parse(openJson(ctx.encryptionKey, sealed, sealContext(discordUserId)));
	} catch (error) {
		// Typically a changed TOKEN_ENCRYPTION_KEY. The value stays until the user links again.
		const reason = (error as Error).name;
		ctx.logger.warn({ discordUserId, reason }, 'stored spotify link is unreadable; treating as not linked');
		return null;
	}
}

function writeLink(ctx: LinkContext, discordUserId: string, link: StoredLink): Promise<void> {
	return ctx.collection.set(discordUserId, sealJson(ctx.encryptionKey, link, sealContext(discordUserId)));
}

const isFresh = (ctx: LinkContext, link: StoredLink) => link.expiresAt - TOKEN_REFRESH_MARGIN_MS > ctx.now();

async function refreshNow(ctx: LinkContext, discordUserId: string, staleToken: string): Promise<string> {
	const link = await readLink(ctx, discordUserId);
	if (!link) throw new NotLinkedError(discordUserId);
	// Someone refreshed while this caller waited: use theirs.
	if (link.accessToken !== staleToken && isFresh(ctx, link)) return link.accessToken;
	let grant: TokenGrant;
	try {
		grant = await ctx.client.refresh(link.refreshToken);
	} catch (error) {
		if (!isInvalidGrant(error)) throw error;
		await ctx.collection.delete(discordUserId);
		ctx.logger.info({ discordUserId }, 'spotify refused the refresh token; link removed');
		throw new LinkExpiredError(discordUserId, { cause: error });
	}
	// Spotify may rotate the refresh token, and the old one may stop working: keep the new one.
	await writeLink(ctx, discordUserId, {
		...link,
		accessToken: grant.accessToken,
		refreshToken: grant.refreshToken ?? link.refreshToken,
		expiresAt: ctx.now() + grant.expiresInSeconds * 1000,
		scope: grant.scope || link.scope,
	});
	ctx.logger.debug({ discordUserId, rotated: grant.refreshToken !== undefined }, 'spotify access token refreshed');
	return grant.accessToken;
}

function refreshShared(ctx: LinkContext, discordUserId: string, staleToken: string): Promise<string> {
	let pending = ctx.refreshing.get(discordUserId);
	if (!pending) {
		pending = refreshNow(ctx, discordUserId, staleToken).finally(() => ctx.refreshing.delete(discordUserId));
		ctx.refreshing.set(discordUserId, pending);
	}
	return pending;
}

async function withUserToken<T>(
	ctx: LinkContext,
	discordUserId: string,
	task: (accessToken: string) => Promise<T>,
): Promise<T> {
	const link = await readLink(ctx, discordUserId);
	if (!link) throw new NotLinkedError(discordUserId);
	const token = isFresh(ctx, link) ? link.accessToken : await refreshShared(ctx, discordUserId, link.accessToken);
	try {
		return await task(token);
	} catch (error) {
		if (readSpotifyFailure(error).status !== 401) throw error;
		ctx.logger.info({ discordUserId }, 'spotify rejected the access token; refreshing once');
		return task(await refreshShared(ctx, discordUserId, token));
	}
}

async function saveLink(ctx: LinkContext, discordUserId: string, grant: TokenGrant, profile: SpotifyProfile) {
	if (!grant.refreshToken) throw new Error('spotify sent no refresh token with the authorization code');
	await writeLink(ctx, discordUserId, {
		accessToken: grant.accessToken,
		refreshToken: grant.refreshToken,
		expiresAt: ctx.now() + grant.expiresInSeconds * 1000,
		scope: grant.scope,
		spotifyUserId: profile.spotifyUserId,
		displayName: profile.displayName,
		linkedAt: ctx.now(),
	});
}

export function createSpotifyLinks(options: SpotifyLinksOptions): SpotifyLinks {
	const ctx: LinkContext = { ...options, now: options.now ?? Date.now, refreshing: new Map() };
	return {
		getLink: async (discordUserId) => {
			const link = await readLink(ctx, discordUserId);
			return link && { spotifyUserId: link.spotifyUserId, displayName: link.displayName };
		},
		saveLink: (discordUserId, grant, profile) => saveLink(ctx, discordUserId, grant, profile),
		removeLink: (discordUserId) => ctx.collection.delete(discordUserId),
		withUserToken: (discordUserId, task) => withUserToken(ctx, discordUserId, task),
	};
}
