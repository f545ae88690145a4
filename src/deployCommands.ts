import { REST } from 'discord.js';
import { ConfigError, loadDiscordConfig } from './config.js';
import { COMMAND_DEFINITIONS, COMMANDS, MESSAGE_COMMANDS } from './commands/index.js';
import { registerCommands } from './commands/registerCommands.js';

// `npm run deploy:commands`: overwrite the slash commands now, whether or not they changed.

async function main(): Promise<void> {
	const config = loadDiscordConfig(process.env);
	const rest = new REST({ api: config.discord.apiUrl, timeout: 15_000 }).setToken(config.discord.token);
	await registerCommands(rest, config.discord, COMMAND_DEFINITIONS, { force: true });
	const where = config.discord.guildId
		? `in server ${config.discord.guildId}`
		: 'globally (may take up to an hour to show)';
	const names = [
		...COMMANDS.map((command) => `/${command.data.name}`),
		...MESSAGE_COMMANDS.map((command) => `Apps → ${command.data.name}`),
	];
	console.log(`Registered ${names.length} commands ${where}: ${names.join(', ')}`);
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError) console.error(error.message);
	else console.error(`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
