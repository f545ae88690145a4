import { randomBytes } from 'node:crypto';
import { SHARD_GUILDS } from '../../standins/guilds.js';
import { readMessage } from '../helpers/bot.js';
import { openCallbackAndConfirm } from '../helpers/confirmForm.js';
import {
	startCatalogOllama,
	startUpstreams,
	TEST_SPOTIFY_CLIENT,
	userSentence,
	type Upstreams,
} from '../../standins/upstreams.js';
import { spawnBot, type BotProcess } from '../resilience/botProcess.js';
import { startDiscordStandin, type DiscordStandin, type InteractionHandle } from '../../standins/discord.js';
import type { OllamaStandin } from '../../standins/ollama.js';

// The world of a bot split into shards: one Discord stand-in with one guild per shard, one Spotify stand-in, several
// Ollama stand-ins, and bot processes started on it. What a user does names the guild, and so the shard, it is in.

export interface ShardedWorld {
	upstreams: Upstreams;
	/** upstreams.ollama first, then the extra ones. */
	ollamas: OllamaStandin[];
	discord: DiscordStandin;
	/** Everything but HTTP_PORT, SPOTIFY_REDIRECT_URI, DATABASE_URL and the shard variables. */
	env: Record<string, string>;
	/** Starts a bot process on this world with `env` added; await its ready(). */
	spawnInstance(env: Record<string, string>): BotProcess;
	link(userId: string, options: { guildId: string; spotifyUser: string }): Promise<Response>;
	makePlaylist(userId: string, options: { guildId: string; prompt: string; length: number }): InteractionHandle;
	/** Clicks Save on `playlist` as seen in `guildId`: the same message reaches another shard this way. */
	clickSave(playlist: InteractionHandle, userId: string, guildId: string): InteractionHandle;
	/** Chat requests about `prompt`, on every Ollama stand-in. */
	chatCallsAbout(prompt: string): number;
	close(): Promise<void>;
}

const saveButtonId = (handle: InteractionHandle) =>
	readMessage(handle.message).buttons.find((button) => button.label === 'Save to Spotify')?.custom_id ?? '';

export async function startShardedWorld(options: { ollamaHosts?: number } = {}): Promise<ShardedWorld> {
	const upstreams = await startUpstreams({ spotify: { autoApprove: true } });
	const extra = await Promise.all(
		Array.from({ length: (options.ollamaHosts ?? 1) - 1 }, () => startCatalogOllama(upstreams.catalog)),
	);
	const ollamas = [upstreams.ollama, ...extra];
	const discord = await startDiscordStandin({ guildIds: [...SHARD_GUILDS] });
	const processes: BotProcess[] = [];
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '',
		LOG_LEVEL: 'debug',
		DISCORD_TOKEN: discord.token,
		DISCORD_CLIENT_ID: discord.applicationId,
		DISCORD_API_URL: discord.apiUrl,
		SPOTIFY_CLIENT_ID: TEST_SPOTIFY_CLIENT.clientId,
		SPOTIFY_CLIENT_SECRET: TEST_SPOTIFY_CLIENT.clientSecret,
		SPOTIFY_API_URL: upstreams.spotify.url,
		SPOTIFY_ACCOUNTS_URL: upstreams.spotify.url,
		OLLAMA_HOST: ollamas.map((ollama) => ollama.url).join(','),
		OLLAMA_MODEL: 'mistral',
		OLLAMA_TIMEOUT_SECONDS: '15',
		HTTP_HOST: '127.0.0.1',
		TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
	};

	const world: ShardedWorld = {
		upstreams,
		ollamas,
		discord,
		env,
		spawnInstance(overrides) {
			const bot = spawnBot({ ...env, ...overrides });
			processes.push(bot);
			return bot;
		},
		async link(userId, { guildId, spotifyUser }) {
			const handle = discord.sendCommand({ name: 'link-spotify', userId, guildId });
			await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 10_000);
			upstreams.spotify.setCurrentUser(spotifyUser);
			const consent = await fetch(readMessage(handle.message).buttons[0]?.url ?? '', { redirect: 'manual' });
			const { confirm, decided } = await openCallbackAndConfirm(consent.headers.get('location') ?? '');
			return decided ?? confirm;
		},
		makePlaylist(userId, { guildId, prompt, length }) {
			return discord.sendCommand({ name: 'playlist', options: { prompt, length }, userId, guildId });
		},
		clickSave(playlist, userId, guildId) {
			const customId = saveButtonId(playlist);
			if (!customId) throw new Error('the playlist has no Save button');
			return discord.sendInteraction({
				type: 3,
				data: { custom_id: customId, component_type: 2 },
				message: structuredClone(playlist.message),
				guildId,
				channelId: discord.guilds.find((guild) => guild.id === guildId)?.channelId ?? '0',
				userId,
			});
		},
		chatCallsAbout: (prompt) =>
			ollamas.flatMap((ollama) => ollama.chatRequests).filter((body) => userSentence(body) === prompt).length,
		async close() {
			await Promise.all(
				processes.map(async (bot) => {
					bot.kill('SIGKILL');
					await bot.exited;
				}),
			);
			await Promise.all([discord.close(), upstreams.close(), ...extra.map((ollama) => ollama.close())]);
		},
	};
	return world;
}
