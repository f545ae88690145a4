import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	ConfigError,
	DEFAULT_SPOTIFY_CACHE,
	loadBotConfig,
	loadDiscordConfig,
	loadPipelineConfig,
	withListeningPort,
} from '../../src/config.js';

const PIPELINE_ENV = { SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret' };
const BOT_ENV = {
	...PIPELINE_ENV,
	DISCORD_TOKEN: 'token',
	DISCORD_CLIENT_ID: '123456789012345678',
	SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:8888/callback',
	TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

function problemsOf(load: () => unknown): string[] {
	try {
		load();
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('config', () => {
	it('fills the documented defaults', () => {
		const config = loadPipelineConfig(PIPELINE_ENV);
		expect(config).toMatchObject({
			logLevel: 'info',
			databaseUrl: 'sqlite://data/bot.sqlite',
			cacheTtlSeconds: 86_400,
			ollama: { hosts: ['http://127.0.0.1:11434'], model: 'mistral', concurrency: 2, timeoutMs: 60_000 },
			spotify: { apiUrl: 'https://api.spotify.com', accountsUrl: 'https://accounts.spotify.com' },
		});
		expect(loadBotConfig(BOT_ENV)).toMatchObject({
			http: { host: '127.0.0.1', port: 8888 },
			discord: { apiUrl: 'https://discord.com/api', guildId: undefined },
		});
	});

	it('reads TRUST_PROXY as off, a hop count or proxy addresses, and refuses true; HEALTHZ_TOKEN when set', () => {
		const server = (env: Record<string, string>) => loadBotConfig({ ...BOT_ENV, ...env }).oauthServer;
		expect(server({})).toEqual({ trustProxy: false, healthzToken: undefined });
		expect(server({ TRUST_PROXY: 'false', HEALTHZ_TOKEN: '' })).toEqual({ trustProxy: false, healthzToken: undefined });
		expect(server({ TRUST_PROXY: '1', HEALTHZ_TOKEN: 'abc' })).toEqual({ trustProxy: 1, healthzToken: 'abc' });
		expect(server({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })?.trustProxy).toBe('loopback, 10.0.0.0/8');
		expect(problemsOf(() => server({ TRUST_PROXY: 'true' }))).toEqual([
			expect.stringMatching(/^TRUST_PROXY must not be true .*hop count/),
		]);
	});

	it('reads TOKEN_ENCRYPTION_KEYS_OLD as a list of 32-byte keys, and names a bad one', () => {
		const [one, two] = [randomBytes(32), randomBytes(32)];
		const keysOld = (value: string) =>
			loadBotConfig({ ...BOT_ENV, TOKEN_ENCRYPTION_KEYS_OLD: value }).tokenEncryptionKeysOld;
		expect(loadBotConfig(BOT_ENV).tokenEncryptionKeysOld).toEqual([]);
		expect(keysOld(`${one.toString('base64')}, ${two.toString('base64')}`)).toEqual([one, two]);
		expect(problemsOf(() => keysOld('c2hvcnQ='))).toEqual([
			expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS_OLD.*32 bytes/),
		]);
	});

	it('reads LLM_SPOTIFY_CONTEXT as on (default) or off, and nothing else', () => {
		expect(loadPipelineConfig(PIPELINE_ENV).llmSpotifyContext).toBe(true);
		expect(loadPipelineConfig({ ...PIPELINE_ENV, LLM_SPOTIFY_CONTEXT: 'off' }).llmSpotifyContext).toBe(false);
		expect(problemsOf(() => loadPipelineConfig({ ...PIPELINE_ENV, LLM_SPOTIFY_CONTEXT: 'no' }))).toEqual([
			expect.stringMatching(/^LLM_SPOTIFY_CONTEXT must be on or off/),
		]);
	});

	it('reads the Spotify cache lifetimes, 24 h, 7 days and 24 h unless set, as whole numbers above 0', () => {
		expect(loadPipelineConfig(PIPELINE_ENV).spotifyCache).toEqual(DEFAULT_SPOTIFY_CACHE);
		expect(DEFAULT_SPOTIFY_CACHE).toEqual({ searchTtlHours: 24, verifyTtlDays: 7, verifyMissTtlHours: 24 });
		const env = { SEARCH_CACHE_TTL_HOURS: '6', VERIFY_CACHE_TTL_DAYS: '30', VERIFY_MISS_CACHE_TTL_HOURS: '2' };
		expect(loadPipelineConfig({ ...PIPELINE_ENV, ...env }).spotifyCache).toEqual({
			searchTtlHours: 6,
			verifyTtlDays: 30,
			verifyMissTtlHours: 2,
		});
		expect(problemsOf(() => loadPipelineConfig({ ...PIPELINE_ENV, VERIFY_CACHE_TTL_DAYS: '0' }))).toEqual([
			expect.stringMatching(/^VERIFY_CACHE_TTL_DAYS must be above 0/),
		]);
	});

	it('lets the terminal command run without any Discord variable', () => {
		expect(() => loadPipelineConfig(PIPELINE_ENV)).not.toThrow();
		expect(() => loadDiscordConfig({ DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: '123456789012345678' })).not.toThrow();
	});

	it('names every bad variable in one error, with how to fix it', () => {
		const problems = problemsOf(() =>
			loadBotConfig({
				SPOTIFY_CLIENT_ID: 'id',
				OLLAMA_CONCURRENCY: '0',
				HTTP_PORT: '70000',
				TOKEN_ENCRYPTION_KEY: 'short',
				SPOTIFY_REDIRECT_URI: 'http://localhost:8888/callback',
			}),
		);
		const text = problems.join('\n');
		for (const name of [
			'SPOTIFY_CLIENT_SECRET',
			'DISCORD_TOKEN',
			'DISCORD_CLIENT_ID',
			'OLLAMA_CONCURRENCY',
			'HTTP_PORT',
			'TOKEN_ENCRYPTION_KEY',
			'SPOTIFY_REDIRECT_URI',
		]) {
			expect(text).toContain(name);
		}
		expect(text).toContain("crypto.randomBytes(32).toString('base64')");
		expect(text).toContain('http://localhost');
		expect(text).not.toContain('SPOTIFY_CLIENT_ID ');
	});

	it('treats empty values as unset and trims trailing slashes from URLs', () => {
		const config = loadPipelineConfig({ ...PIPELINE_ENV, OLLAMA_HOST: '', SPOTIFY_API_URL: 'http://127.0.0.1:5000/' });
		expect(config.ollama.hosts).toEqual(['http://127.0.0.1:11434']);
		expect(config.spotify.apiUrl).toBe('http://127.0.0.1:5000');
	});

	it('reads several Ollama hosts and a Redis DATABASE_URL', () => {
		const config = loadPipelineConfig({
			...PIPELINE_ENV,
			OLLAMA_HOST: 'http://10.0.0.1:11434, http://10.0.0.2:11434/',
			DATABASE_URL: 'redis://127.0.0.1:6379',
		});
		expect(config.ollama.hosts).toEqual(['http://10.0.0.1:11434', 'http://10.0.0.2:11434']);
		expect(config.databaseUrl).toBe('redis://127.0.0.1:6379');
		expect(problemsOf(() => loadPipelineConfig({ ...PIPELINE_ENV, OLLAMA_HOST: 'http://a:1,nope' })).join()).toContain(
			'OLLAMA_HOST',
		);
		expect(problemsOf(() => loadPipelineConfig({ ...PIPELINE_ENV, DATABASE_URL: 'postgres://x' })).join()).toContain(
			'DATABASE_URL',
		);
	});

	it('decodes the encryption key to 32 bytes', () => {
		expect(loadBotConfig(BOT_ENV).tokenEncryptionKey).toHaveLength(32);
	});

	it('with HTTP_PORT=0, puts the port the OS picked into a redirect URI on port 0, and changes nothing else', () => {
		const picked = 'http://127.0.0.1:43210';
		const anyPort = loadBotConfig({ ...BOT_ENV, HTTP_PORT: '0', SPOTIFY_REDIRECT_URI: 'http://127.0.0.1:0/callback' });
		expect(anyPort.http.port).toBe(0);
		expect(withListeningPort(anyPort, picked).spotify.redirectUri).toBe('http://127.0.0.1:43210/callback');
		// A proxy's address, or a fixed port, is where Spotify sends the browser: it stays as configured.
		const proxied = loadBotConfig({ ...BOT_ENV, HTTP_PORT: '0', SPOTIFY_REDIRECT_URI: 'https://bot.example/callback' });
		expect(withListeningPort(proxied, picked)).toBe(proxied);
		const fixed = loadBotConfig({ ...BOT_ENV, HTTP_PORT: '8888' });
		expect(withListeningPort(fixed, 'http://127.0.0.1:8888')).toBe(fixed);
	});
});
