import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

// pino's redact matches one level per `*`, so nested secret paths are listed explicitly.
const REDACT_PATHS = [
	'token',
	'*.token',
	'accessToken',
	'*.accessToken',
	'refreshToken',
	'*.refreshToken',
	'access_token',
	'*.access_token',
	'refresh_token',
	'*.refresh_token',
	// The OAuth authorization code; not plain `code`, which would also blank error codes (ECONNRESET, 10062).
	'query.code',
	'*.query.code',
	'input.code',
	'*.input.code',
	'authorizationCode',
	'*.authorizationCode',
	'clientSecret',
	'*.clientSecret',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'*.headers.authorization',
	'req.headers.authorization',
	'tokenEncryptionKey',
	'*.tokenEncryptionKey',
	'tokenEncryptionKeysOld',
	'*.tokenEncryptionKeysOld',
	'healthzToken',
	'*.healthzToken',
	'config.discord.token',
	'config.spotify.clientSecret',
];

// discord.js errors carry the request URL, and an interaction's or webhook's URL holds its token: whoever reads
// the log could answer as the bot for 15 minutes. Keep the route, drop the token.
const TOKEN_IN_URL = /\/(interactions\/\d+|webhooks\/\d+)\/[^/?#]+/g;

function serializeError(error: unknown): unknown {
	// Anything but an error comes back as it went in.
	const serialized = pino.stdSerializers.err(error as Error) as unknown;
	if (typeof serialized !== 'object' || serialized === null || !('url' in serialized)) return serialized;
	const { url } = serialized;
	return typeof url === 'string' ? { ...serialized, url: url.replace(TOKEN_IN_URL, '/$1/[redacted]') } : serialized;
}

export interface LoggerOptions {
	level: string;
	/** Where lines go; tests pass a stream to read them back. Defaults to stdout. */
	destination?: DestinationStream;
	/** Human-readable output for terminals. */
	pretty?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
	const base = {
		level: options.level,
		redact: { paths: REDACT_PATHS, censor: '[redacted]' },
		serializers: { err: serializeError },
	};
	if (options.destination) return pino(base, options.destination);
	if (options.pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2 } } });
	return pino(base);
}
