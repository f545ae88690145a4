import type { SpotifyProfile, TokenGrant } from '../spotify/userClient.js';
import type { Collection, Store } from '../store/createStore.js';
import { createOneTimeEntries } from '../store/oneTimeEntries.js';
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
const sealContext = (key: string) => `held-link:${key}`;

export function createHeldLinks(options: HeldLinksOptions): HeldLinks {
	const { keys } = options;
	const ttlMs = options.ttlMs ?? HELD_LINK_TTL_MS;
	const now = options.now ?? Date.now;
	const entries = createOneTimeEntries({ ...options, name: 'held-link', ttlMs });
	return {
		hold: (link) =>
			entries.put((key) => sealJson(keys.current, { ...link, expiresAt: now() + ttlMs }, sealContext(key))),
		async take(token) {
			// Two racing submits (a double click, a replayed POST): only one takes it.
			const taken = await entries.take(token);
			if (!taken) return null;
			const held = openWithKeyRing(keys, taken.value, sealContext(taken.key)).value as HeldLink & { expiresAt: number };
			return held.expiresAt > now()
				? { discordUser: held.discordUser, grant: held.grant, profile: held.profile }
				: null;
		},
	};
}
