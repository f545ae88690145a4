import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { PipelineConfig } from '../src/config.js';
import { createLogger, type Logger } from '../src/log.js';
import { createCatalog, SCENES, type Catalog, type CatalogOptions } from './catalog.js';
import { startOllamaStandin, type OllamaStandin, type OllamaStandinOptions } from './ollama.js';
import { startSpotifyStandin, type SpotifyStandin, type SpotifyStandinOptions } from './spotify.js';
import { createWaiters } from './waiters.js';

export const TEST_SPOTIFY_CLIENT = { clientId: 'test-client-id', clientSecret: 'test-client-secret' };

/** The sentence between the markers the bot wraps user text in, so the stand-in reacts to it alone. */
export function userSentence(body: { messages: { role: string; content: string }[] }): string {
	const last = [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
	return /<<<\n([\s\S]*?)\n>>>/.exec(last)?.[1] ?? last;
}

/**
 * An Ollama stand-in that suggests `catalog`'s tracks (and some it lacks) and reads only the user's sentence, besides
 * the caller's demands on the songs. It knows the scenes' other names, and the global genres it takes them for.
 */
export function startCatalogOllama(catalog: Catalog, options: OllamaStandinOptions = {}): Promise<OllamaStandin> {
	return startOllamaStandin({
		tracks: catalog.tracks.map((track) => ({
			title: track.name,
			artist: track.artists[0]?.name ?? '',
			genre: track.genre,
			language: track.language,
		})),
		genres: [...catalog.genres],
		genreAliases: { 'hip-hop': ['rap'], ...Object.fromEntries(SCENES.map((scene) => [scene.name, scene.aliases])) },
		genreParents: Object.fromEntries(SCENES.map((scene) => [scene.name, scene.parent])),
		requestText: userSentence,
		...options,
	});
}

export interface Upstreams {
	catalog: Catalog;
	spotify: SpotifyStandin;
	ollama: OllamaStandin;
	close(): Promise<void>;
}

export async function startUpstreams(
	options: { catalog?: CatalogOptions; spotify?: SpotifyStandinOptions; ollama?: OllamaStandinOptions } = {},
): Promise<Upstreams> {
	const catalog = createCatalog(options.catalog);
	const spotify = await startSpotifyStandin({ ...TEST_SPOTIFY_CLIENT, catalog, ...options.spotify });
	const ollama = await startCatalogOllama(catalog, options.ollama);
	return {
		catalog,
		spotify,
		ollama,
		close: async () => {
			await Promise.all([spotify.close(), ollama.close()]);
		},
	};
}

export function tempDatabaseUrl(): string {
	return `sqlite://${join(mkdtempSync(join(tmpdir(), 'promptlist-')), 'bot.sqlite')}`;
}

export function pipelineConfig(
	upstreams: Upstreams,
	overrides: Partial<PipelineConfig['ollama']> = {},
): PipelineConfig {
	return {
		logLevel: 'silent',
		databaseUrl: tempDatabaseUrl(),
		cacheTtlSeconds: 3600,
		ollama: { hosts: [upstreams.ollama.url], model: 'mistral', concurrency: 2, timeoutMs: 5_000, ...overrides },
		spotify: { ...TEST_SPOTIFY_CLIENT, apiUrl: upstreams.spotify.url, accountsUrl: upstreams.spotify.url },
	};
}

export interface CapturedLog {
	logger: Logger;
	lines: string[];
	/** Resolves once `condition(lines)` holds: checked now and after each line written. */
	waitFor: (condition: (lines: string[]) => boolean, timeoutMs?: number) => Promise<void>;
}

/** A logger whose lines the test can read back, and wait for. */
export function captureLogger(level = 'debug'): CapturedLog {
	const lines: string[] = [];
	const written = createWaiters();
	const destination = new Writable({
		write(chunk: Buffer, _encoding, done) {
			lines.push(...chunk.toString().split('\n').filter(Boolean));
			written.notify();
			done();
		},
	});
	return {
		logger: createLogger({ level, destination }),
		lines,
		waitFor: (condition, timeoutMs = 10_000) =>
			written.until(() => condition(lines), timeoutMs, 'the log lines awaited'),
	};
}
