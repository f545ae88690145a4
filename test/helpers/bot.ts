import { randomBytes } from 'node:crypto';
import { openCallbackAndConfirm } from './confirmForm.js';
import { start, type App, type StartOptions } from '../../src/app.js';
import type { BotConfig } from '../../src/config.js';
import { GUILD_ID } from '../../standins/guilds.js';
import { startDiscordStandin, type DiscordStandin, type DiscordStandinOptions } from '../../standins/discord.js';
import { captureLogger, freePort, pipelineConfig, startUpstreams, type Upstreams } from '../../standins/upstreams.js';

export interface BotHarness {
	app: App;
	discord: DiscordStandin;
	upstreams: Upstreams;
	config: BotConfig;
	logs: string[];
	/** stop() then start() again on the same database, as a restart would. */
	restart(): Promise<void>;
	close(): Promise<void>;
}

export interface BotHarnessOptions {
	upstreams?: Parameters<typeof startUpstreams>[0];
	discord?: DiscordStandinOptions;
	config?: (config: BotConfig) => BotConfig;
	start?: StartOptions;
}

export async function startBot(options: BotHarnessOptions = {}): Promise<BotHarness> {
	const upstreams = await startUpstreams(options.upstreams);
	const discord = await startDiscordStandin({ guildIds: [GUILD_ID], ...options.discord });
	const base = pipelineConfig(upstreams);
	// The callback's port must be known before start, as SPOTIFY_REDIRECT_URI names it.
	const port = await freePort();
	const defaults: BotConfig = {
		...base,
		discord: { token: discord.token, clientId: discord.applicationId, guildId: GUILD_ID, apiUrl: discord.apiUrl },
		spotify: { ...base.spotify, redirectUri: `http://127.0.0.1:${port}/callback` },
		http: { host: '127.0.0.1', port },
		tokenEncryptionKey: randomBytes(32),
	};
	const config = options.config ? options.config(defaults) : defaults;
	const { logger, lines } = captureLogger('debug');
	const boot = () => start(config, { logger, progressIntervalMs: 50, ...options.start });
	const harness: BotHarness = {
		app: await boot(),
		discord,
		upstreams,
		config,
		logs: lines,
		async restart() {
			await harness.app.stop();
			harness.app = await boot();
		},
		async close() {
			await harness.app.stop();
			await Promise.all([discord.close(), upstreams.close()]);
		},
	};
	return harness;
}

type Embed = { title?: string; description?: string; footer?: { text: string }; thumbnail?: { url: string } };
type Row = { components: { custom_id?: string; label?: string; url?: string; style?: number }[] };

/** The embeds and buttons of a message body as Discord stores it. */
export function readMessage(message: { embeds?: unknown; components?: unknown; content?: unknown } | undefined) {
	const embeds = (message?.embeds ?? []) as Embed[];
	const rows = (message?.components ?? []) as Row[];
	return {
		content: (message?.content ?? '') as string,
		embeds,
		description: embeds.map((embed) => embed.description ?? '').join('\n'),
		buttons: rows.flatMap((row) => row.components),
	};
}

/**
 * /link-spotify, then the consent (auto-approved by the stand-in), the callback's confirm page and its Link button,
 * as a browser would. `page` is the last page shown (the linked page, or the callback's page when it had no form).
 */
export async function linkSpotify(bot: BotHarness, userId: string, spotifyUser: string) {
	bot.upstreams.spotify.setCurrentUser(spotifyUser);
	const handle = bot.discord.sendCommand({ name: 'link-spotify', userId });
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0);
	const url = readMessage(handle.message).buttons[0]?.url ?? '';
	const consent = await fetch(url, { redirect: 'manual' });
	const { confirm, html, decided } = await openCallbackAndConfirm(consent.headers.get('location') ?? '');
	const callback = decided ?? confirm;
	return { handle, url, callback, confirmPage: html, page: decided ? await decided.text() : html };
}
