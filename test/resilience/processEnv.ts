import { randomBytes } from 'node:crypto';
import { openCallbackAndConfirm } from '../helpers/confirmForm.js';
import { GUILD_ID } from '../../standins/guilds.js';
import { readMessage } from '../helpers/bot.js';
import { startUpstreams, tempDatabaseUrl, TEST_SPOTIFY_CLIENT, type Upstreams } from '../../standins/upstreams.js';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle } from '../../standins/discord.js';
import { spawnBot, type BotProcess } from './botProcess.js';

// The world around a bot child process: stand-ins in the test process, the environment pointing at them, and what
// a Discord user does (link, /playlist, Save). Everything a restart must keep (database, encryption key) is chosen
// once, so every process spawned from one world is the same bot restarted. Its callback server gets a new port from
// the OS each time (HTTP_PORT=0), which the redirect URI on port 0 then names: no test finishes a link across a restart.

export interface WorldOptions {
	upstreams?: Parameters<typeof startUpstreams>[0];
	discordToken?: string;
	clientSecret?: string;
	/** Where the bot sends /api/token and /authorize; default the Spotify stand-in. */
	accountsUrl?: (upstreams: Upstreams) => Promise<string>;
	env?: Record<string, string>;
}

export interface World {
	upstreams: Upstreams;
	discord: DiscordStandin;
	env: Record<string, string>;
	/** The SQLite file (DATABASE_URL without `sqlite://`). */
	databasePath: string;
	encryptionKey: Buffer;
	/** Starts a bot process on this world and waits until it is ready. */
	spawn(): Promise<BotProcess>;
	/** Sends /link-spotify and returns the consent URL the bot offers. */
	beginLink(userId: string): Promise<{ handle: InteractionHandle; url: string }>;
	/** Follows the consent URL (auto-approved by the stand-in) and returns the callback URL Spotify redirects to. */
	consent(url: string, spotifyUser: string): Promise<string>;
	link(userId: string, spotifyUser: string): Promise<Response>;
	makePlaylist(userId: string, prompt: string, length: number): Promise<InteractionHandle>;
	clickSave(playlist: InteractionHandle, userId: string): InteractionHandle;
	/** SIGKILLs every bot process still running, then stops the stand-ins. */
	close(): Promise<void>;
}

/** The text the bot answered with in the end (last edit, or follow-up). */
export const finalContent = (handle: InteractionHandle): string =>
	((handle.edits.at(-1) ?? handle.followUps.at(-1)) as { content?: string } | undefined)?.content ?? '';

export const trackUris = (message: InteractionHandle['message']): string[] =>
	[...readMessage(message).description.matchAll(/open\.spotify\.com\/track\/(\w+)/g)].map(
		(match) => `spotify:track:${match[1]}`,
	);

export async function startWorld(options: WorldOptions = {}): Promise<World> {
	const upstreams = await startUpstreams({
		...options.upstreams,
		spotify: {
			autoApprove: true,
			...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
			...options.upstreams?.spotify,
		},
	});
	const discord = await startDiscordStandin({
		guildIds: [GUILD_ID],
		...(options.discordToken ? { token: options.discordToken } : {}),
	});
	const databaseUrl = tempDatabaseUrl();
	const encryptionKey = randomBytes(32);
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '',
		LOG_LEVEL: 'debug',
		DISCORD_TOKEN: discord.token,
		DISCORD_CLIENT_ID: discord.applicationId,
		DISCORD_GUILD_ID: GUILD_ID,
		DISCORD_API_URL: discord.apiUrl,
		SPOTIFY_CLIENT_ID: TEST_SPOTIFY_CLIENT.clientId,
		SPOTIFY_CLIENT_SECRET: options.clientSecret ?? TEST_SPOTIFY_CLIENT.clientSecret,
		SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback',
		SPOTIFY_API_URL: upstreams.spotify.url,
		SPOTIFY_ACCOUNTS_URL: options.accountsUrl ? await options.accountsUrl(upstreams) : upstreams.spotify.url,
		OLLAMA_HOST: upstreams.ollama.url,
		OLLAMA_MODEL: 'mistral',
		OLLAMA_TIMEOUT_SECONDS: '15',
		HTTP_HOST: '127.0.0.1',
		HTTP_PORT: '0',
		DATABASE_URL: databaseUrl,
		TOKEN_ENCRYPTION_KEY: encryptionKey.toString('base64'),
		...options.env,
	};
	const processes: BotProcess[] = [];

	const world: World = {
		upstreams,
		discord,
		env,
		databasePath: databaseUrl.replace(/^sqlite:\/\//, ''),
		encryptionKey,
		async spawn() {
			const bot = spawnBot(env);
			processes.push(bot);
			await bot.ready();
			return bot;
		},
		async beginLink(userId) {
			const handle = discord.sendCommand({ name: 'link-spotify', userId });
			await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 10_000);
			return { handle, url: readMessage(handle.message).buttons[0]?.url ?? '' };
		},
		async consent(url, spotifyUser) {
			upstreams.spotify.setCurrentUser(spotifyUser);
			const consent = await fetch(url, { redirect: 'manual' });
			return consent.headers.get('location') ?? '';
		},
		async link(userId, spotifyUser) {
			const { url } = await world.beginLink(userId);
			const { confirm, decided } = await openCallbackAndConfirm(await world.consent(url, spotifyUser));
			return decided ?? confirm;
		},
		async makePlaylist(userId, prompt, length) {
			const handle = discord.sendCommand({ name: 'playlist', options: { prompt, length }, userId });
			await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
			return handle;
		},
		clickSave(playlist, userId) {
			const customId =
				readMessage(playlist.message).buttons.find((button) => button.label === 'Save to Spotify')?.custom_id ?? '';
			return discord.sendButton({ customId, userId, message: playlist.message });
		},
		async close() {
			await Promise.all(
				processes.map(async (bot) => {
					bot.kill('SIGKILL');
					await bot.exited;
				}),
			);
			await Promise.all([discord.close(), upstreams.close()]);
		},
	};
	return world;
}
