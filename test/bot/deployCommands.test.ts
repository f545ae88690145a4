import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript.js';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';

const GUILD = '100000000000000001';
let discord: DiscordStandin | undefined;
afterEach(async () => {
	await discord?.close();
	discord = undefined;
});

describe('npm run deploy:commands', () => {
	it('overwrites the commands every time it runs, with only the Discord variables set', async () => {
		discord = await startDiscordStandin({ guildIds: [GUILD] });
		const env = {
			DISCORD_TOKEN: discord.token,
			DISCORD_CLIENT_ID: discord.applicationId,
			DISCORD_API_URL: discord.apiUrl,
		};

		const first = await runScript('src/deployCommands.ts', [], { ...env, DISCORD_GUILD_ID: GUILD });
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('Registered 5 commands in server');
		expect(first.stdout).toContain('Apps → Make a playlist');
		const names = (discord.commands.guild[GUILD] as { name: string }[]).map((command) => command.name).sort();
		expect(names).toEqual(['Make a playlist', 'link-spotify', 'playlist', 'privacy', 'unlink-spotify']);

		const again = await runScript('src/deployCommands.ts', [], { ...env, DISCORD_GUILD_ID: GUILD });
		expect(again.code).toBe(0);
		expect(discord.commandWrites).toBe(2);

		const global = await runScript('src/deployCommands.ts', [], env);
		expect(global.stdout).toContain('globally');
		expect((discord.commands.global as { name: string }[]).map((command) => command.name)).toContain('playlist');
		expect(discord.identifies).toHaveLength(0);
	});

	it('says which Discord variables are missing', async () => {
		const result = await runScript('src/deployCommands.ts', [], {});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('DISCORD_TOKEN is missing');
		expect(result.stderr).not.toContain('SPOTIFY');
	});
});
