import { randomBytes } from 'node:crypto';
import { openCallbackAndConfirm } from './confirmForm.js';
import { start, type App, type StartOptions } from '../../src/app.js';
import type { BotConfig } from '../../src/config.js';
import { GUILD_ID } from '../../standins/guilds.js';
import {
	startDiscordStandin,
	type DiscordStandin,
	type DiscordStandinOptions,
	type InteractionHandle,
} from '../../standins/discord.js';
import {
	captureLogger,
	pipelineConfig,
	startUpstreams,
	type CapturedLog,
	type Upstreams,
} from '../../standins/upstreams.js';

// Port 0: the OS picks the callback server's port, and the bot names it in the redirect URI it hands out.
const PICKED_PORT_REDIRECT = 'http://127.0.0.1:0/callback';

export interface BotHarness {
	app: App;
	discord: DiscordStandin;
	upstreams: Upstreams;
	/** As given to start(), but with the redirect URI the bot hands out: on the port the OS picked. */
	config: BotConfig;
	logs: string[];
	waitForLogs: CapturedLog['waitFor'];
	/** stop() then start() again on the same database, as a restart would (on another port). */
	restart(): Promise<void>;
	close(): Promise<void>;
}

export interface BotHarnessOptions {
	upstreams?: Parameters<typeof startUpstreams>[0];
	discord?: DiscordStandinOptions;
	config?: (config: BotConfig) => BotConfig;
	start?: StartOptions;
}

/** The configuration as `app` runs it: a redirect URI on port 0 names the port its callback server got. */
function asRunning(config: BotConfig, app: App): BotConfig {
	if (config.spotify.redirectUri !== PICKED_PORT_REDIRECT) return config;
	return { ...config, spotify: { ...config.spotify, redirectUri: `${app.httpUrl}/callback` } };
}

export async function startBot(options: BotHarnessOptions = {}): Promise<BotHarness> {
	const upstreams = await startUpstreams(options.upstreams);
	const discord = await startDiscordStandin({ guildIds: [GUILD_ID], ...options.discord });
	const base = pipelineConfig(upstreams);
	const defaults: BotConfig = {
		...base,
		discord: { token: discord.token, clientId: discord.applicationId, guildId: GUILD_ID, apiUrl: discord.apiUrl },
		spotify: { ...base.spotify, redirectUri: PICKED_PORT_REDIRECT },
		http: { host: '127.0.0.1', port: 0 },
		tokenEncryptionKey: randomBytes(32),
	};
	const config = options.config ? options.config(defaults) : defaults;
	const { logger, lines, waitFor } = captureLogger('debug');
	const boot = () => start(config, { logger, progressIntervalMs: 50, ...options.start });
	const app = await boot();
	const harness: BotHarness = {
		app,
		discord,
		upstreams,
		config: asRunning(config, app),
		logs: lines,
		waitForLogs: waitFor,
		async restart() {
			await harness.app.stop();
			harness.app = await boot();
			harness.config = asRunning(config, harness.app);
		},
		async close() {
			await harness.app.stop();
			await Promise.all([discord.close(), upstreams.close()]);
		},
	};
	return harness;
}

type Embed = { title?: string; description?: string; footer?: { text: string }; thumbnail?: { url: string } };
type Component = {
	type: number;
	custom_id?: string;
	label?: string;
	url?: string;
	style?: number;
	options?: { label: string; value: string; description?: string }[];
	min_values?: number;
	max_values?: number;
};
type Row = { components: Component[] };

/** The labels of a playlist's buttons, in order, when it has no other versions. */
export const PLAYLIST_BUTTONS = ['Save to Spotify', 'Regenerate', 'Refine…', 'Why these?'];

/** The reply is a finished playlist: its last edit carries the controls again (after a Refine…, Remove…). */
export const finished = (handle: InteractionHandle) =>
	handle.edits.length > 0 && ((handle.edits.at(-1) as { components?: unknown[] }).components?.length ?? 0) > 0;

/** The embeds, buttons and selects of a message body as Discord stores it. */
export function readMessage(message: { embeds?: unknown; components?: unknown; content?: unknown } | undefined) {
	const embeds = (message?.embeds ?? []) as Embed[];
	const rows = (message?.components ?? []) as Row[];
	return {
		content: (message?.content ?? '') as string,
		embeds,
		description: embeds.map((embed) => embed.description ?? '').join('\n'),
		buttons: rows.flatMap((row) => row.components).filter((component) => component.type === 2),
		selects: rows.flatMap((row) => row.components).filter((component) => component.type === 3),
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
