import { randomUUID } from 'node:crypto';
import type { Store } from './storeContract.js';

/** A backend's atomic claim commands; `token` marks this store handle as the holder. */
export interface ClaimCommands {
	/** Takes `key` with `token` when nobody holds it (or the claim expired); true when taken. */
	take(key: string, token: string, ttlMs: number): Promise<boolean>;
	/** Moves the claim's expiry to `ttlMs` from now while it still holds `token`; true when it did. */
	extend(key: string, token: string, ttlMs: number): Promise<boolean>;
	/** Deletes the claim while it still holds `token`. */
	drop(key: string, token: string): Promise<void>;
}

/** The store's claim, extend and release over a backend's commands, each claim under a fresh token. */
export function createTokenClaims(commands: ClaimCommands): Pick<Store, 'claim' | 'extend' | 'release'> {
	// The token this handle claimed each key with, so a release never frees a later holder's claim.
	const tokens = new Map<string, string>();
	return {
		claim: async (key, ttlMs) => {
			const token = randomUUID();
			const won = await commands.take(key, token, ttlMs);
			if (won) tokens.set(key, token);
			return won;
		},
		extend: async (key, ttlMs) => {
			const token = tokens.get(key);
			if (token === undefined) return false;
			return commands.extend(key, token, ttlMs);
		},
		release: async (key) => {
			const token = tokens.get(key);
			if (token === undefined) return;
			tokens.delete(key);
			await commands.drop(key, token);
		},
	};
}
