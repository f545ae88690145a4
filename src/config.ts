import { z } from 'zod';

// Each entry point loads only the part of the environment it needs, so the terminal command
// runs without Discord variables and `deploy:commands` without Spotify ones.

const url = (hint: string) =>
	z
		.string({ error: `is missing (${hint})` })
		.trim()
		.pipe(z.url({ error: `must be a URL (${hint})` }))
		.transform((value) => value.replace(/\/+$/, ''));

const positiveInt = (hint: string) =>
	z.coerce
		.number({ error: `must be a whole number (${hint})` })
		.int(`must be a whole number (${hint})`)
		.positive(`must be above 0 (${hint})`);

const required = (hint: string) =>
	z
		.string({ error: `is missing: ${hint}` })
		.trim()
		.min(1, `is empty: ${hint}`);

const COMMON_SHAPE = {
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

const PIPELINE_SHAPE = {
	...COMMON_SHAPE,
	DATABASE_URL: z
		.string()
		.trim()
		.regex(/^(sqlite:\/\/.+|rediss?:\/\/.+)$/, 'must look like sqlite://path/to/file.sqlite or redis://host:6379')
		.default('sqlite://data/bot.sqlite'),
	CACHE_TTL_SECONDS: positiveInt('seconds a generated playlist stays cached, e.g. 86400').default(86_400),
	OLLAMA_HOST: z
		.string()
		.default('http://127.0.0.1:11434')
		.transform((value) =>
			value
				.split(',')
				.map((host) => host.trim())
				.filter(Boolean),
		)
		.pipe(
			z
				.array(url('where `ollama serve` listens, e.g. http://127.0.0.1:11434, or several separated by commas'))
				.min(1, 'is empty: where `ollama serve` listens, e.g. http://127.0.0.1:11434'),
		),
	OLLAMA_MODEL: required('a model you pulled with `ollama pull`, e.g. mistral').default('mistral'),
	OLLAMA_CONCURRENCY: positiveInt('LLM requests in flight at once, e.g. 2').default(2),
	OLLAMA_TIMEOUT_SECONDS: positiveInt('seconds one LLM request may take, e.g. 60').default(60),
	SPOTIFY_CLIENT_ID: required('copy it from your app at https://developer.spotify.com/dashboard'),
	SPOTIFY_CLIENT_SECRET: required('copy it from your app at https://developer.spotify.com/dashboard'),
	SPOTIFY_API_URL: url('normally https://api.spotify.com').default('https://api.spotify.com'),
	SPOTIFY_ACCOUNTS_URL: url('normally https://accounts.spotify.com').default('https://accounts.spotify.com'),
};

const DISCORD_SHAPE = {
	DISCORD_TOKEN: required('the bot token from https://discord.com/developers/applications → Bot → Reset Token'),
	DISCORD_CLIENT_ID: z
		.string({ error: 'is missing: the Application ID from https://discord.com/developers/applications' })
		.regex(/^\d{17,20}$/, 'must be the numeric Application ID'),
	DISCORD_GUILD_ID: z
		.string()
		.regex(/^\d{17,20}$/, 'must be a numeric server id (Developer Mode → right-click the server → Copy Server ID)')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	DISCORD_API_URL: url('normally https://discord.com/api').default('https://discord.com/api'),
};

const LINKING_SHAPE = {
	SPOTIFY_REDIRECT_URI: url('e.g. http://127.0.0.1:8888/callback, registered in your Spotify app').refine(
		(value) => {
			const parsed = new URL(value);
			return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname !== 'localhost');
		},
		{ error: 'must be https://… or http://127.0.0.1:PORT/… (Spotify rejects http://localhost)' },
	),
	HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
	HTTP_PORT: z.coerce
		.number({ error: 'must be a port number, e.g. 8888' })
		.int()
		.min(0, 'must be a port number from 0 to 65535')
		.max(65_535, 'must be a port number from 0 to 65535')
		.default(8888),
	TOKEN_ENCRYPTION_KEY: z
		.string({
			error: 'is missing: generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64\'))"',
		})
		.refine((value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
			error:
				'must be 32 bytes in base64: generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64\'))"',
		})
		.transform((value) => Buffer.from(value, 'base64')),
};

const SHARDING_SHAPE = {
	SHARD_COUNT: z
		.string()
		.trim()
		.regex(/^(auto|[1-9]\d*)$/, 'must be auto or a whole number above 0 (how many shards the bot is split into)')
		.transform((value) => (value === 'auto' ? 'auto' : Number(value)))
		.default('auto'),
	// discord.js's own variable (a ShardingManager sets it for each shard), read here so it is checked like the rest.
	SHARDS: z
		.string()
		.trim()
		.regex(/^\[?\d+(\s*,\s*\d+)*\]?$/, 'must be shard ids like 0 or 0,1 (the shards this instance runs)')
		.transform((value) =>
			value
				.replace(/[[\]\s]/g, '')
				.split(',')
				.map(Number),
		)
		.optional(),
};

const PIPELINE_SCHEMA = z.object(PIPELINE_SHAPE);
const DISCORD_SCHEMA = z.object({ ...COMMON_SHAPE, ...DISCORD_SHAPE });
const BOT_SCHEMA = z
	.object({ ...PIPELINE_SHAPE, ...DISCORD_SHAPE, ...LINKING_SHAPE, ...SHARDING_SHAPE })
	// Runs even when a field failed, so it checks the parsed types itself.
	.refine(
		({ SHARDS, SHARD_COUNT }) =>
			!Array.isArray(SHARDS) || (typeof SHARD_COUNT === 'number' && SHARDS.every((id) => id < SHARD_COUNT)),
		{
			path: ['SHARDS'],
			error: 'must be ids below a numeric SHARD_COUNT, e.g. SHARD_COUNT=4 and SHARDS=0,1 (ids count from 0)',
		},
	);

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
	};
	spotify: { clientId: string; clientSecret: string; apiUrl: string; accountsUrl: string };
}

export interface DiscordConfig {
	logLevel: string;
	discord: { token: string; clientId: string; guildId: string | undefined; apiUrl: string };
}

/** How the gateway connection is split; `ids` are the shards this process or instance runs (default all). */
export interface ShardingConfig {
	count: number | 'auto';
	ids: number[] | undefined;
}

export interface BotConfig extends PipelineConfig, DiscordConfig {
	spotify: PipelineConfig['spotify'] & { redirectUri: string };
	http: { host: string; port: number };
	tokenEncryptionKey: Buffer;
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
		ollama: {
			hosts: env.OLLAMA_HOST,
			model: env.OLLAMA_MODEL,
			concurrency: env.OLLAMA_CONCURRENCY,
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
		sharding: { count: parsed.SHARD_COUNT, ids: parsed.SHARDS },
	};
}
