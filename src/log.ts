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
	'code',
	'*.code',
	'clientSecret',
	'*.clientSecret',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'*.headers.authorization',
	'req.headers.authorization',
	'tokenEncryptionKey',
	'*.tokenEncryptionKey',
	'config.discord.token',
	'config.spotify.clientSecret',
];

export interface LoggerOptions {
	level: string;
	/** Where lines go; tests pass a stream to read them back. Defaults to stdout. */
	destination?: DestinationStream;
	/** Human-readable output for terminals. */
	pretty?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
	const base = { level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
	if (options.destination) return pino(base, options.destination);
	if (options.pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2 } } });
	return pino(base);
}
