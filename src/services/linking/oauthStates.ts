import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Store } from '../store/createStore.js';

// The OAuth `state`: 32 random bytes (base64url) tied to the Discord user who asked, valid 10 minutes and
// usable once. Only its SHA-256 is stored, so a database read does not yield usable states.

/** Who asked to link, as the confirm page names them. */
export interface DiscordUser {
	id: string;
	/** Display name (or username). */
	name: string;
	/** Username, shown as @handle. */
	handle: string;
}

export interface StoredState {
	discordUserId: string;
	/** Absent in states issued before the confirm page existed. */
	discordName?: string;
	discordHandle?: string;
	expiresAt: number;
}

export interface OAuthStatesOptions {
	collection: Collection<StoredState>;
	/** Makes using a state once hold across processes sharing the store. */
	claims: Pick<Store, 'claim'>;
	ttlMs?: number;
	now?: () => number;
}

export interface OAuthStates {
	issue(user: DiscordUser): Promise<string>;
	/** The Discord user the state was issued for, or null when unknown, expired or already used. */
	consume(state: string): Promise<DiscordUser | null>;
}

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
const STATE_BYTES = 32;
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const stateKey = (state: string) => createHash('sha256').update(state).digest('base64url');

export function createOAuthStates(options: OAuthStatesOptions): OAuthStates {
	const { collection, claims } = options;
	const ttlMs = options.ttlMs ?? OAUTH_STATE_TTL_MS;
	const now = options.now ?? Date.now;

	return {
		issue: async (user) => {
			const state = randomBytes(STATE_BYTES).toString('base64url');
			const stored = { discordUserId: user.id, discordName: user.name, discordHandle: user.handle };
			await collection.set(stateKey(state), { ...stored, expiresAt: now() + ttlMs }, ttlMs);
			return state;
		},
		consume: async (state) => {
			if (!STATE_PATTERN.test(state)) return null;
			const key = stateKey(state);
			// Read first: an unknown state (a guess, garbage) costs one read and leaves nothing behind, in the store or
			// in memory. Only a state that exists is claimed.
			const entry = await collection.get(key);
			if (!entry || entry.expiresAt <= now()) return null;
			// The store's delete is not atomic (read, then delete): an atomic claim decides which of two racing
			// callbacks, in this process or another, gets to use the state. It lives as long as the state could.
			if (!(await claims.claim(`oauth-state:${key}`, Math.max(1, entry.expiresAt - now())))) return null;
			await collection.delete(key);
			const id = entry.discordUserId;
			return { id, name: entry.discordName ?? id, handle: entry.discordHandle ?? id };
		},
	};
}
