import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';
import { runScript } from '../helpers/runScript.js';
import { tempDatabaseUrl } from '../../standins/upstreams.js';

let discord: DiscordStandin | undefined;
afterEach(async () => {
	await discord?.close();
	discord = undefined;
});

function startBotProcess(env: Record<string, string>) {
	return runScript('src/index.ts', [], env);
}

describe('starting the bot', () => {
	it('without configuration, names every missing variable and exits 1 without a stack trace', async () => {
		const { code, stderr } = await startBotProcess({});
		expect(code).toBe(1);
		for (const name of [
			'DISCORD_TOKEN',
			'DISCORD_CLIENT_ID',
			'SPOTIFY_CLIENT_ID',
			'SPOTIFY_CLIENT_SECRET',
			'SPOTIFY_REDIRECT_URI',
			'TOKEN_ENCRYPTION_KEY',
		]) {
			expect(stderr).toContain(`${name} is missing`);
		}
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	it('with a token Discord rejects, says so and exits 1', async () => {
		discord = await startDiscordStandin();
		const { code, stderr } = await startBotProcess({
			DISCORD_TOKEN: 'not-the-token',
			DISCORD_CLIENT_ID: discord.applicationId,
			DISCORD_API_URL: discord.apiUrl,
			SPOTIFY_CLIENT_ID: 'id',
			SPOTIFY_CLIENT_SECRET: 'secret',
			SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback',
			TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
			DATABASE_URL: tempDatabaseUrl(),
			HTTP_PORT: '0',
		});
		expect(code).toBe(1);
		expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
		expect(stderr).not.toContain('not-the-token');
	});
});
