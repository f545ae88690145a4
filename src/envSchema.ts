import { z } from 'zod';

// The environment variables as zod schemas, one per entry point: each loads only the part it needs, so the
// terminal command runs without Discord variables and `deploy:commands` without Spotify ones. Every message says
// how to fix the variable; config.ts turns them into one error and plain config objects.

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

/** A comma-separated list, each item trimmed, empty items dropped. */
const commaList = (fallback: string) =>
	z
		.string()
		.default(fallback)
		.transform((value) =>
			value
				.split(',')
				.map((item) => item.trim())
				.filter(Boolean),
		);

const isKey = (value: string) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);

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
	SEARCH_CACHE_TTL_HOURS: positiveInt('hours a Spotify search page is shared from the store, e.g. 24').default(24),
	VERIFY_CACHE_TTL_DAYS: positiveInt('days a suggestion found on Spotify is remembered, e.g. 7').default(7),
	VERIFY_MISS_CACHE_TTL_HOURS: positiveInt('hours a suggestion not on Spotify is remembered, e.g. 24').default(24),
	OLLAMA_HOST: commaList('http://127.0.0.1:11434').pipe(
		z
			.array(url('where `ollama serve` listens, e.g. http://127.0.0.1:11434, or several separated by commas'))
			.min(1, 'is empty: where `ollama serve` listens, e.g. http://127.0.0.1:11434'),
	),
	LLM_SPOTIFY_CONTEXT: z
		.enum(['on', 'off'], { error: 'must be on or off (whether the LLM is shown catalog titles)' })
		.default('on'),
	OLLAMA_MODEL: required('a model you pulled with `ollama pull`, e.g. mistral').default('mistral'),
	OLLAMA_CONCURRENCY: positiveInt('LLM requests in flight at once, e.g. 2').default(2),
	OLLAMA_QUEUE_MAX: positiveInt('requests that may wait for the LLM before the bot says it is busy, e.g. 50').default(
		50,
	),
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
		.refine(isKey, {
			error:
				'must be 32 bytes in base64: generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64\'))"',
		})
		.transform((value) => Buffer.from(value, 'base64')),
	TOKEN_ENCRYPTION_KEYS_OLD: commaList('').pipe(
		z.array(
			z
				.string()
				.refine(isKey, { error: 'must be keys of 32 bytes in base64, separated by commas (the keys used before)' })
				.transform((key) => Buffer.from(key, 'base64')),
		),
	),
	TRUST_PROXY: z
		.string()
		.trim()
		.refine((value) => value !== 'true', {
			error:
				'must not be true (any client could then fake its address); give the hop count, e.g. 1, or the proxy addresses',
		})
		.transform((value): false | number | string =>
			value === '' || value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
		)
		.default(false),
	DRAFT_TTL_DAYS: positiveInt(
		'days a playlist, its prompt and its author are kept for Save and Regenerate, e.g. 30',
	).default(30),
	USER_PLAYLISTS_PER_HOUR: positiveInt('playlists (and Regenerates) one user may start in an hour, e.g. 30').default(
		30,
	),
	USER_SAVES_PER_HOUR: positiveInt('playlists one user may save to Spotify in an hour, e.g. 20').default(20),
	TASTE_SHARE: z.coerce
		.number({ error: 'must be a number from 0 to 1 (the part of a taste playlist from your top artists), e.g. 0.33' })
		.min(0, 'must be from 0 to 1 (the part of a taste playlist from your top artists), e.g. 0.33')
		.max(1, 'must be from 0 to 1 (the part of a taste playlist from your top artists), e.g. 0.33')
		.default(1 / 3),
	HEALTHZ_TOKEN: z
		.string()
		.trim()
		.transform((value) => value || undefined)
		.optional(),
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

export const PIPELINE_SCHEMA = z.object(PIPELINE_SHAPE);
export const DISCORD_SCHEMA = z.object({ ...COMMON_SHAPE, ...DISCORD_SHAPE });
export const BOT_SCHEMA = z
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
