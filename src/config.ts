import type { z } from 'zod';
import { BOT_SCHEMA, DISCORD_SCHEMA, PIPELINE_SCHEMA } from './envSchema.js';

// The configuration the entry points load: one zod schema over the environment (envSchema.ts), read once at boot,
// failing with one message that names every bad variable. Nothing else reads process.env.

export interface PipelineConfig {
	logLevel: string;
	databaseUrl: string;
	cacheTtlSeconds: number;
	ollama: {
		/** One or more Ollama servers; each request goes to the least busy healthy one. */
		hosts: string[];
		model: string;
		/** Requests in flight at once per host. */
		concurrency: number;
		timeoutMs: number;
		/** OLLAMA_QUEUE_MAX: requests waiting beyond this many are told the bot is busy; absent means no limit. */
		queueMax?: number;
	};
	spotify: { clientId: string; clientSecret: string; apiUrl: string; accountsUrl: string };
	/** LLM_SPOTIFY_CONTEXT: whether catalog titles (the seed tracks) reach the LLM; absent means on. */
	llmSpotifyContext?: boolean;
	/** How long Spotify's answers are shared from the store; absent (configs built by hand) means the defaults. */
	spotifyCache?: SpotifyCacheConfig;
}

export interface SpotifyCacheConfig {
	/** SEARCH_CACHE_TTL_HOURS: a seed search page. */
	searchTtlHours: number;
	/** VERIFY_CACHE_TTL_DAYS: a suggestion found on Spotify. */
	verifyTtlDays: number;
	/** VERIFY_MISS_CACHE_TTL_HOURS: a suggestion not on Spotify. */
	verifyMissTtlHours: number;
}

export const DEFAULT_SPOTIFY_CACHE: SpotifyCacheConfig = {
	searchTtlHours: 24,
	verifyTtlDays: 7,
	verifyMissTtlHours: 24,
};

export interface DiscordConfig {
	logLevel: string;
	discord: { token: string; clientId: string; guildId: string | undefined; apiUrl: string };
}

/** How the gateway connection is split; `ids` are the shards this process or instance runs (default all). */
export interface ShardingConfig {
	count: number | 'auto';
	ids: number[] | undefined;
}

export interface OAuthServerConfig {
	/** Express's `trust proxy`: false, a hop count, or the proxy addresses (TRUST_PROXY). */
	trustProxy: false | number | string;
	/** A bearer token that shows /healthz's details to requests from elsewhere than loopback (HEALTHZ_TOKEN). */
	healthzToken: string | undefined;
}

export interface UserLimitsConfig {
	playlistsPerHour: number;
	savesPerHour: number;
}

export const DEFAULT_DRAFT_TTL_DAYS = 30;

export const DEFAULT_USER_LIMITS: UserLimitsConfig = { playlistsPerHour: 30, savesPerHour: 20 };

/** TASTE_SHARE: the part of a personal playlist its listener's own artists get, at most. */
export const DEFAULT_TASTE_SHARE = 1 / 3;

export interface BotConfig extends PipelineConfig, DiscordConfig {
	spotify: PipelineConfig['spotify'] & { redirectUri: string };
	http: { host: string; port: number };
	tokenEncryptionKey: Buffer;
	/** Keys that only open stored tokens, during a rotation (TOKEN_ENCRYPTION_KEYS_OLD); absent means none. */
	tokenEncryptionKeysOld?: Buffer[];
	/** Optional only so configs built by hand in tests may leave it out: proxy trust off, /healthz details on loopback only. */
	oauthServer?: OAuthServerConfig;
	/** Optional for configs built by hand in tests: 30 playlists and 20 saves per user and hour. */
	userLimits?: UserLimitsConfig;
	/** How long drafts (prompt, tracks, author) and save records are kept (DRAFT_TTL_DAYS); absent means 30. */
	draftTtlDays?: number;
	/** TASTE_SHARE (0 to 1); absent means a third. */
	tasteShare?: number;
	/** Optional only so configs built by hand in tests may leave it out: that means one shard. */
	sharding?: ShardingConfig;
}

export type Env = Record<string, string | undefined>;

/** Thrown once at boot; its message names every bad variable and how to fix it. */
export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(
			`Configuration problem${problems.length === 1 ? '' : 's'} (set these in .env or the environment; see .env.example):\n` +
				problems.map((problem) => `  - ${problem}`).join('\n'),
		);
		this.name = 'ConfigError';
	}
}

function parseEnv<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
	// Empty strings count as unset, as a blank line in .env means "use the default".
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
	const result = schema.safeParse(cleaned);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
	throw new ConfigError([...new Set(problems)].sort());
}

function toPipelineConfig(env: z.output<typeof PIPELINE_SCHEMA>): PipelineConfig {
	return {
		logLevel: env.LOG_LEVEL,
		databaseUrl: env.DATABASE_URL,
		cacheTtlSeconds: env.CACHE_TTL_SECONDS,
		llmSpotifyContext: env.LLM_SPOTIFY_CONTEXT === 'on',
		spotifyCache: {
			searchTtlHours: env.SEARCH_CACHE_TTL_HOURS,
			verifyTtlDays: env.VERIFY_CACHE_TTL_DAYS,
			verifyMissTtlHours: env.VERIFY_MISS_CACHE_TTL_HOURS,
		},
		ollama: {
			hosts: env.OLLAMA_HOST,
			model: env.OLLAMA_MODEL,
			concurrency: env.OLLAMA_CONCURRENCY,
			queueMax: env.OLLAMA_QUEUE_MAX,
			timeoutMs: env.OLLAMA_TIMEOUT_SECONDS * 1000,
		},
		spotify: {
			clientId: env.SPOTIFY_CLIENT_ID,
			clientSecret: env.SPOTIFY_CLIENT_SECRET,
			apiUrl: env.SPOTIFY_API_URL,
			accountsUrl: env.SPOTIFY_ACCOUNTS_URL,
		},
	};
}

function toDiscordConfig(env: z.output<typeof DISCORD_SCHEMA>): DiscordConfig {
	return {
		logLevel: env.LOG_LEVEL,
		discord: {
			token: env.DISCORD_TOKEN,
			clientId: env.DISCORD_CLIENT_ID,
			guildId: env.DISCORD_GUILD_ID,
			apiUrl: env.DISCORD_API_URL,
		},
	};
}

/** What the terminal command needs: Ollama, Spotify app credentials, the cache. */
export function loadPipelineConfig(env: Env): PipelineConfig {
	return toPipelineConfig(parseEnv(PIPELINE_SCHEMA, env));
}

/** What `deploy:commands` needs: only Discord. */
export function loadDiscordConfig(env: Env): DiscordConfig {
	return toDiscordConfig(parseEnv(DISCORD_SCHEMA, env));
}

/**
 * HTTP_PORT=0 lets the OS pick the port; a SPOTIFY_REDIRECT_URI on port 0 (e.g. http://127.0.0.1:0/callback) then
 * stands for the port picked.
 */
export function redirectsToPickedPort(config: BotConfig): boolean {
	return config.http.port === 0 && new URL(config.spotify.redirectUri).port === '0';
}

/** The redirect URI on the port of `httpUrl`, where the server listens, if it stands for the port picked. */
export function withListeningPort(config: BotConfig, httpUrl: string): BotConfig {
	if (!redirectsToPickedPort(config)) return config;
	const redirect = new URL(config.spotify.redirectUri);
	redirect.port = new URL(httpUrl).port;
	return { ...config, spotify: { ...config.spotify, redirectUri: redirect.href } };
}

/** Everything the bot needs. */
export function loadBotConfig(env: Env): BotConfig {
	const parsed = parseEnv(BOT_SCHEMA, env);
	const pipeline = toPipelineConfig(parsed);
	return {
		...pipeline,
		...toDiscordConfig(parsed),
		spotify: { ...pipeline.spotify, redirectUri: parsed.SPOTIFY_REDIRECT_URI },
		http: { host: parsed.HTTP_HOST, port: parsed.HTTP_PORT },
		tokenEncryptionKey: parsed.TOKEN_ENCRYPTION_KEY,
		tokenEncryptionKeysOld: parsed.TOKEN_ENCRYPTION_KEYS_OLD,
		sharding: { count: parsed.SHARD_COUNT, ids: parsed.SHARDS },
		oauthServer: { trustProxy: parsed.TRUST_PROXY, healthzToken: parsed.HEALTHZ_TOKEN },
		draftTtlDays: parsed.DRAFT_TTL_DAYS,
		tasteShare: parsed.TASTE_SHARE,
		userLimits: { playlistsPerHour: parsed.USER_PLAYLISTS_PER_HOUR, savesPerHour: parsed.USER_SAVES_PER_HOUR },
	};
}
