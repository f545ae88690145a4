import { start } from './app.js';
import { ConfigError, loadBotConfig } from './config.js';
import { StoreError } from './services/store.js';

// The only job here: read the configuration, start the bot, stop it on SIGTERM/SIGINT.

function explain(error: unknown): string {
	if (error instanceof ConfigError) return error.message;
	if (error instanceof StoreError) return `Cannot use the database (DATABASE_URL): ${error.message}`;
	if (error instanceof Error && /TokenInvalid|invalid token/i.test(`${error.name} ${error.message}`)) {
		return 'Discord rejected DISCORD_TOKEN. Copy it again from https://discord.com/developers/applications → Bot → Reset Token.';
	}
	return `The bot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

async function main(): Promise<void> {
	const app = await start(loadBotConfig(process.env));
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		// Exit within 5 s whatever happens.
		setTimeout(() => process.exit(1), 5_000).unref();
		app.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
	console.error(explain(error));
	process.exit(1);
});
