import type { Collection, Store } from '../store/createStore.js';
import { createOneTimeEntries } from '../store/oneTimeEntries.js';

// The OAuth `state`: a one-time token (store/oneTimeEntries.ts) tied to the Discord user who asked, valid 10
// minutes and usable once.

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

export function createOAuthStates(options: OAuthStatesOptions): OAuthStates {
	const ttlMs = options.ttlMs ?? OAUTH_STATE_TTL_MS;
	const now = options.now ?? Date.now;
	const entries = createOneTimeEntries({ ...options, name: 'oauth-state', ttlMs });
	return {
		issue: (user) =>
			entries.put(() => ({
				discordUserId: user.id,
				discordName: user.name,
				discordHandle: user.handle,
				expiresAt: now() + ttlMs,
			})),
		consume: async (state) => {
			const taken = await entries.take(state, (entry) => entry.expiresAt > now());
			if (!taken) return null;
			const { discordUserId: id, discordName, discordHandle } = taken.value;
			return { id, name: discordName ?? id, handle: discordHandle ?? id };
		},
	};
}
