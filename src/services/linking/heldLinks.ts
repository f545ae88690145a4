import { createHash, randomBytes } from 'node:crypto';
import type { SpotifyProfile, TokenGrant } from '../spotify/userClient.js';
import type { Collection, Store } from '../store/createStore.js';
import type { DiscordUser } from './oauthStates.js';
import { openWithKeyRing, sealJson, type KeyRing } from './tokenCrypto.js';

// A link waiting for the person in the browser to confirm it: Spotify's tokens are exchanged, but stored only when
// they press Link. Held sealed, under a hash of a one-time token that only their confirm page carries, 10 minutes.

export interface HeldLink {
	discordUser: DiscordUser;
	grant: TokenGrant;
	profile: SpotifyProfile;
}

export interface HeldLinksOptions {
	/** Holds sealed strings, never plain tokens. */
	collection: Collection<string>;
	keys: KeyRing;
	claims: Pick<Store, 'claim'>;
	ttlMs?: number;
	now?: () => number;
}

export interface HeldLinks {
	/** Holds the link; returns the one-time token that confirms or discards it. */
	hold(link: HeldLink): Promise<string>;
	/** The held link, once: null when the token is unknown, expired or already used. */
	take(token: string): Promise<HeldLink | null>;
}

export const HELD_LINK_TTL_MS = 10 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const sealContext = (key: string) => `held-link:${key}`;

export function createHeldLinks(options: HeldLinksOptions): HeldLinks {
	const { collection, keys, claims } = options;
	const ttlMs = options.ttlMs ?? HELD_LINK_TTL_MS;
	const now = options.now ?? Date.now;
	return {
		async hold(link) {
			const token = randomBytes(32).toString('base64url');
			const key = keyOf(token);
			await collection.set(key, sealJson(keys.current, { ...link, expiresAt: now() + ttlMs }, sealContext(key)), ttlMs);
			return token;
		},
		async take(token) {
			if (!TOKEN_PATTERN.test(token)) return null;
			const key = keyOf(token);
			const sealed = await collection.get(key);
			if (sealed === undefined) return null;
			// Two racing submits (a double click, a replayed POST): the claim lets exactly one use it.
			if (!(await claims.claim(`held-link:${key}`, ttlMs))) return null;
			await collection.delete(key);
			const held = openWithKeyRing(keys, sealed, sealContext(key)).value as HeldLink & { expiresAt: number };
			return held.expiresAt > now()
				? { discordUser: held.discordUser, grant: held.grant, profile: held.profile }
				: null;
		},
	};
}
