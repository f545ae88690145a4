import { z } from 'zod';
import type { Logger } from '../../log.js';
import { LinkExpiredError, NotLinkedError } from './linkErrors.js';
import { parseScopes } from '../spotify/scopes.js';
import { readSpotifyFailure } from '../spotify/spotifyFailure.js';
import { isInvalidGrant, type SpotifyProfile, type SpotifyUserClient, type TokenGrant } from '../spotify/userClient.js';
import type { Collection, Store } from '../store/createStore.js';
import { withStoreLock } from '../store/storeLock.js';
import { openWithKeyRing, sealJson, type KeyRing } from './tokenCrypto.js';

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
	/** Seals with the current key; values sealed with an old one are sealed again on their next read. */
	keys: KeyRing;
	/** A lock per user, so a refresh that lands after an unlink cannot write the link back. */
	claims: Pick<Store, 'claim' | 'release'>;
	client: SpotifyUserClient;
	logger: Logger;
	now?: () => number;
}

export interface SpotifyLinks {
	getLink(discordUserId: string): Promise<LinkedAccount | null>;
	/** The scopes the user granted (empty when the link was stored without them), or null when not linked. */
	getScopes(discordUserId: string): Promise<string[] | null>;
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

const lockKey = (discordUserId: string) => `spotify-link:${discordUserId}`;

function writeLink(ctx: LinkContext, discordUserId: string, link: StoredLink): Promise<void> {
	return ctx.collection.set(discordUserId, sealJson(ctx.keys.current, link, sealContext(discordUserId)));
}

/** Seals a link read under an old key with the current one, unless it changed meanwhile. */
async function resealLink(ctx: LinkContext, discordUserId: string, sealed: string, link: StoredLink): Promise<void> {
	await withStoreLock({ store: ctx.claims, key: lockKey(discordUserId) }, async () => {
		if ((await ctx.collection.get(discordUserId)) !== sealed) return;
		await writeLink(ctx, discordUserId, link);
		ctx.logger.info({ discordUserId }, 'stored spotify link sealed again with the current key');
	}).catch((error: unknown) => ctx.logger.warn({ err: error, discordUserId }, 'could not seal a link again'));
}

/** `reseal`: false under the link's lock, which resealing takes itself. */
async function readLink(ctx: LinkContext, discordUserId: string, reseal = true): Promise<StoredLink | null> {
	const sealed = await ctx.collection.get(discordUserId);
	if (sealed === undefined) return null;
	let opened: { value: unknown; stale: boolean };
	try {
		opened = openWithKeyRing(ctx.keys, sealed, sealContext(discordUserId));
	} catch (error) {
		// A key that is no longer configured (TOKEN_ENCRYPTION_KEY changed without keeping the old one in
		// TOKEN_ENCRYPTION_KEYS_OLD). The value stays until the user links again.
		const reason = (error as Error).name;
		ctx.logger.warn({ discordUserId, reason }, 'stored spotify link is unreadable; treating as not linked');
		return null;
	}
	const link = LINK_SCHEMA.safeParse(opened.value);
	if (!link.success) {
		ctx.logger.warn({ discordUserId, reason: 'shape' }, 'stored spotify link is unreadable; treating as not linked');
		return null;
	}
	if (opened.stale && reseal) await resealLink(ctx, discordUserId, sealed, link.data);
	return link.data;
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
	// Spotify may rotate the refresh token, and the old one may stop working: keep the new one. Written only while
	// the same link is still there: a user who unlinked (or linked anew) during the refresh keeps what they chose.
	await withStoreLock({ store: ctx.claims, key: lockKey(discordUserId) }, async () => {
		const current = await readLink(ctx, discordUserId, false);
		if (current?.linkedAt !== link.linkedAt || current.spotifyUserId !== link.spotifyUserId) {
			ctx.logger.info({ discordUserId }, 'spotify link removed or replaced during a refresh; not written back');
			throw new NotLinkedError(discordUserId);
		}
		await writeLink(ctx, discordUserId, {
			...link,
			accessToken: grant.accessToken,
			refreshToken: grant.refreshToken ?? link.refreshToken,
			expiresAt: ctx.now() + grant.expiresInSeconds * 1000,
			scope: grant.scope || link.scope,
		});
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
	const refreshToken = grant.refreshToken;
	await withStoreLock({ store: ctx.claims, key: lockKey(discordUserId) }, () =>
		writeLink(ctx, discordUserId, {
			accessToken: grant.accessToken,
			refreshToken,
			expiresAt: ctx.now() + grant.expiresInSeconds * 1000,
			scope: grant.scope,
			spotifyUserId: profile.spotifyUserId,
			displayName: profile.displayName,
			linkedAt: ctx.now(),
		}),
	);
}

export function createSpotifyLinks(options: SpotifyLinksOptions): SpotifyLinks {
	const ctx: LinkContext = { ...options, now: options.now ?? Date.now, refreshing: new Map() };
	return {
		getLink: async (discordUserId) => {
			const link = await readLink(ctx, discordUserId);
			return link && { spotifyUserId: link.spotifyUserId, displayName: link.displayName };
		},
		getScopes: (discordUserId) => readLink(ctx, discordUserId).then((link) => link && parseScopes(link.scope)),
		saveLink: (discordUserId, grant, profile) => saveLink(ctx, discordUserId, grant, profile),
		// Under the link's lock: a refresh in flight then finds the link gone and writes nothing back.
		removeLink: (discordUserId) =>
			withStoreLock({ store: ctx.claims, key: lockKey(discordUserId) }, () => ctx.collection.delete(discordUserId)),
		withUserToken: (discordUserId, task) => withUserToken(ctx, discordUserId, task),
	};
}
