import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript.js';
import { createCatalog } from '../../standins/catalog.js';
import { holdRefusedUrl } from '../../standins/refusedUrl.js';
import { startSpotifyStandin } from '../../standins/spotify.js';
import { startUpstreams, TEST_SPOTIFY_CLIENT, tempDatabaseUrl, type Upstreams } from '../../standins/upstreams.js';

// Each test starts only what the command reaches: both stand-ins, Spotify alone, or neither, with a refused address
// for the rest.

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(closers.splice(0).map((close) => close()));
});

async function bothStandins(): Promise<Upstreams> {
	const upstreams = await startUpstreams();
	closers.push(() => upstreams.close());
	return upstreams;
}

async function spotifyStandin(): Promise<string> {
	const spotify = await startSpotifyStandin({ ...TEST_SPOTIFY_CLIENT, catalog: createCatalog() });
	closers.push(() => spotify.close());
	return spotify.url;
}

async function refusedUrl(): Promise<string> {
	const refused = await holdRefusedUrl();
	closers.push(() => refused.close());
	return refused.url;
}

function playlistCommand(args: string[], env: Record<string, string>) {
	return runScript('src/cli/playlist.ts', args, env);
}

function cliEnv(urls: { spotify: string; ollama: string }): Record<string, string> {
	return {
		SPOTIFY_CLIENT_ID: TEST_SPOTIFY_CLIENT.clientId,
		SPOTIFY_CLIENT_SECRET: TEST_SPOTIFY_CLIENT.clientSecret,
		SPOTIFY_API_URL: urls.spotify,
		SPOTIFY_ACCOUNTS_URL: urls.spotify,
		OLLAMA_HOST: urls.ollama,
		DATABASE_URL: tempDatabaseUrl(),
	};
}

describe('npm run playlist', () => {
	it('prints a verified playlist as a table with attributes, drops and timings', async () => {
		const upstreams = await bothStandins();
		const env = cliEnv({ spotify: upstreams.spotify.url, ollama: upstreams.ollama.url });
		const { code, stdout } = await playlistCommand(['upbeat k-pop for running', '--length', '12'], env);
		expect(code).toBe(0);
		const rows = stdout.split('\n').filter((line) => /^\s*\d+\s{2}/.test(line));
		expect(rows).toHaveLength(12);
		// Each row starts with a catalog title, whole or cut with an ellipsis (a Hangul or kana title takes two columns
		// a character, so its cell is not 34 characters of the string).
		const titles = upstreams.catalog.tracks.map((track) => track.name.replace(/\s+/g, ' '));
		for (const row of rows)
			expect(titles.some((title) => row.slice(4).startsWith(title)) || row.includes('…')).toBe(true);
		expect(stdout).toMatch(/genres k-pop/);
		expect(stdout).toMatch(/Dropped \d+ LLM suggestion/);
		expect(stdout).toMatch(/Time: extract \d+ ms · seed \d+ ms · refine \d+ ms · assemble \d+ ms/);
		expect(stdout).toMatch(/\bllm\b/);
	});

	it('takes --minutes and prints the total time, the target and the phases', async () => {
		const upstreams = await bothStandins();
		const env = cliEnv({ spotify: upstreams.spotify.url, ollama: upstreams.ollama.url });
		const prompt = 'rock workout with a warm-up, a peak and a cool-down';
		const { code, stdout } = await playlistCommand([prompt, '--minutes', '25', '--length', '40'], env);
		expect(code).toBe(0);
		const header = /— (\d+) tracks · (\d+) min \(model/.exec(stdout);
		expect(Math.abs(Number(header?.[2]) - 25)).toBeLessThanOrEqual(3);
		const rows = stdout.split('\n').filter((line) => /^\s*\d+\s{2}/.test(line));
		expect(rows).toHaveLength(Number(header?.[1]));
		expect(stdout).toContain('made to 25 min · phases warm-up → peak → cool-down');
		const headings = stdout.split('\n').filter((line) => /^ {2}— [\w-]+ —$/.test(line));
		expect(headings).toEqual(['  — warm-up —', '  — peak —', '  — cool-down —']);
	});

	it('--refine prints a second version of the same length, made from the change request', async () => {
		const upstreams = await bothStandins();
		const env = cliEnv({ spotify: upstreams.spotify.url, ollama: upstreams.ollama.url });
		const args = ['upbeat k-pop for running', '--length', '10', '--refine', 'less upbeat, more ballads'];
		const { code, stdout } = await playlistCommand(args, env);
		expect(code).toBe(0);
		const [first, second] = stdout.split('\nRefined: less upbeat, more ballads\n');
		const rows = (text: string | undefined) => (text ?? '').split('\n').filter((line) => /^\s*\d+\s{2}/.test(line));
		expect(rows(first)).toHaveLength(10);
		expect(rows(second)).toHaveLength(10);
		const revision = upstreams.ollama.chatRequests.find((body) => JSON.stringify(body.format).includes('"keep"'));
		expect(revision?.messages[1]?.content).toContain('<<<\nless upbeat, more ballads\n>>>');
	});

	it('names every missing variable without a stack trace', async () => {
		const { code, stderr } = await playlistCommand(['jazz'], { OLLAMA_CONCURRENCY: 'many' });
		expect(code).toBe(1);
		expect(stderr).toContain('SPOTIFY_CLIENT_ID');
		expect(stderr).toContain('SPOTIFY_CLIENT_SECRET');
		expect(stderr).toContain('OLLAMA_CONCURRENCY');
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	it('says when the Spotify credentials are wrong', async () => {
		const env = cliEnv({ spotify: await spotifyStandin(), ollama: await refusedUrl() });
		const { code, stderr } = await playlistCommand(['jazz'], { ...env, SPOTIFY_CLIENT_SECRET: 'wrong' });
		expect(code).toBe(1);
		expect(stderr).toContain('Spotify rejected SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET');
		expect(stderr).not.toContain('wrong');
	});

	it('says when Spotify cannot be reached', async () => {
		const nowhere = await refusedUrl();
		const { code, stderr } = await playlistCommand(['jazz'], cliEnv({ spotify: nowhere, ollama: nowhere }));
		expect(code).toBe(1);
		expect(stderr).toContain('Cannot reach Spotify');
	});

	it('warns when Ollama is down and still prints a playlist built without it', async () => {
		const nowhere = await refusedUrl();
		const env = cliEnv({ spotify: await spotifyStandin(), ollama: nowhere });
		const { code, stdout, stderr } = await playlistCommand(['chill jazz', '--length', '6'], env);
		expect(code).toBe(0);
		expect(stderr).toContain(`Ollama is not reachable at ${nowhere}`);
		expect(stdout).toContain("Warning: built without the LLM's picks because Ollama could not be reached.");
		expect(stdout.split('\n').filter((line) => /^\s*\d+\s{2}/.test(line))).toHaveLength(6);
	});
});
