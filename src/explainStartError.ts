import { ConfigError } from './config.js';
import { StoreError } from './services/store/createStore.js';

/** One message for a failed start-up that tells the owner what to change. */
export function explainStartError(error: unknown): string {
	if (error instanceof ConfigError) return error.message;
	if (error instanceof StoreError) return `Cannot use the database (DATABASE_URL): ${error.message}`;
	if (
		error instanceof Error &&
		/TokenInvalid|invalid token|rejected DISCORD_TOKEN/i.test(`${error.name} ${error.message}`)
	) {
		return 'Discord rejected DISCORD_TOKEN. Copy it again from https://discord.com/developers/applications → Bot → Reset Token.';
	}
	return `The bot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
