import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../../standins/discord.js';
import { openCallbackAndConfirm, readConfirmForm } from '../helpers/confirmForm.js';
import { finalContent, startWorld, trackUris, type World } from './processEnv.js';

// A whole session at LOG_LEVEL=trace — link, playlists, saves, forced token refreshes — then every byte the bot
// wrote (its stdout and stderr, the SQLite file with its -wal and -shm) is searched for every secret it handled.

let world: World | undefined;
let tap: TokenTap | undefined;
afterEach(async () => {
	await world?.close();
	await tap?.close();
	world = undefined;
	tap = undefined;
});

const ALICE = '500000000000000001';
const BOB = '500000000000000002';
const TOKEN_PATH = /^\/api\/token$/;

interface TokenTap {
	url: string;
	/** Every access and refresh token the accounts service issued, and every code the bot exchanged. */
	issued: { access: string[]; refresh: string[]; codes: string[] };
	close(): Promise<void>;
}

async function readRequest(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * A pass-through proxy in front of the Spotify stand-in's accounts service, reading each /api/token answer: the
 * stand-in records what it was sent, not what it issued, and a token issued but never used must stay secret too.
 */
async function startTokenTap(target: string): Promise<TokenTap> {
	const issued: TokenTap['issued'] = { access: [], refresh: [], codes: [] };
	const forward = async (req: IncomingMessage, res: ServerResponse) => {
		const body = await readRequest(req);
		const code = req.url?.startsWith('/api/token') ? new URLSearchParams(body.toString()).get('code') : null;
		if (code) issued.codes.push(code);
		const headers = Object.fromEntries(
			Object.entries(req.headers).filter(
				(entry): entry is [string, string] =>
					typeof entry[1] === 'string' && !['host', 'connection'].includes(entry[0]),
			),
		);
		const response = await fetch(`${target}${req.url ?? '/'}`, {
			method: req.method,
			headers,
			body: body.length > 0 ? body : undefined,
			redirect: 'manual',
		});
		const answer = Buffer.from(await response.arrayBuffer());
		if (req.url?.startsWith('/api/token') && response.ok) {
			const json = JSON.parse(answer.toString()) as { access_token?: string; refresh_token?: string };
			if (json.access_token) issued.access.push(json.access_token);
			if (json.refresh_token) issued.refresh.push(json.refresh_token);
		}
		const passed: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
				passed[name] = value;
		});
		res.writeHead(response.status, { ...passed, 'content-length': String(answer.length) }).end(answer);
	};
	const server: Server = createServer((req, res) => {
		forward(req, res).catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		issued,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The SQLite file with its write-ahead log and shared-memory index, as bytes. */
function databaseBytes(path: string): Buffer {
	return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((file) => readFileSync(file)));
}

/** Every way a secret could be written: as is, URL-encoded, and for keys in base64, base64url and hex. */
function spellings(secret: string | Buffer): Buffer[] {
	if (typeof secret === 'string') return [Buffer.from(secret), Buffer.from(encodeURIComponent(secret))];
	return [
		secret,
		...[secret.toString('base64'), secret.toString('base64url'), secret.toString('hex')].map((text) =>
			Buffer.from(text),
		),
		Buffer.from(encodeURIComponent(secret.toString('base64'))),
	];
}

function leaks(haystack: Buffer, secrets: Record<string, string | Buffer>): string[] {
	return Object.entries(secrets)
		.filter(([, secret]) => spellings(secret).some((spelling) => haystack.includes(spelling)))
		.map(([name]) => name);
}

async function saved(handle: InteractionHandle): Promise<string> {
	await handle.waitFor((h) => h.edits.length > 0 || h.followUps.length > 0, 15_000);
	return finalContent(handle);
}

describe('secrets', () => {
	it('never reach the logs or the database, even at trace level and through token refreshes', async () => {
		const discordToken = `${randomBytes(18).toString('base64url')}.${randomBytes(30).toString('base64url')}`;
		const clientSecret = randomBytes(16).toString('hex');
		world = await startWorld({
			discordToken,
			clientSecret,
			accountsUrl: async (upstreams) => {
				tap = await startTokenTap(upstreams.spotify.url);
				return tap.url;
			},
			env: { LOG_LEVEL: 'trace' },
		});
		const { upstreams, discord } = world;
		const bot = await world.spawn();

		const { url } = await world.beginLink(ALICE);
		const callbackUrl = await world.consent(url, 'alice');
		const code = new URL(callbackUrl).searchParams.get('code') ?? '';
		const { html, decided } = await openCallbackAndConfirm(callbackUrl);
		expect(decided?.status).toBe(200);
		const confirmToken = readConfirmForm(callbackUrl, html).token;
		const first = await world.makePlaylist(ALICE, 'happy latin party', 10);
		expect(await saved(world.clickSave(first, ALICE))).toBe('Saved as a private playlist with 10 tracks.');

		// Every access token dies: the catalog renews the app token, the save refreshes (and rotates) Alice's.
		upstreams.spotify.expireAccessTokens({ includeApp: true });
		const second = await world.makePlaylist(BOB, 'dark synthwave drive', 8);
		// Spotify fails the first try (its error is logged); the second refreshes the expired token and saves.
		upstreams.spotify.failNext({ kind: 'status', status: 500 }, { path: /^\/v1\/me\/playlists$/ });
		expect(await saved(world.clickSave(second, ALICE))).not.toContain('Saved');
		expect(await saved(world.clickSave(second, ALICE))).toBe('Saved as a private playlist with 8 tracks.');
		const refreshes = upstreams.spotify.requests.filter(
			(request) =>
				request.path === '/api/token' && (request.body as { grant_type?: string }).grant_type === 'refresh_token',
		);
		expect(refreshes).toHaveLength(1);

		// More failures log their errors: the accounts service down or failing during a link, and an interaction too
		// old to answer (Discord refuses the bot's response, and discord.js's error names the interaction's URL).
		for (const fault of [{ kind: 'down' }, { kind: 'status', status: 500 }] as const) {
			upstreams.spotify.setFault(fault, { path: TOKEN_PATH });
			expect((await world.link(BOB, 'bob')).status).toBeGreaterThanOrEqual(500);
			upstreams.spotify.setFault(null, { path: TOKEN_PATH });
		}
		const late = discord.sendCommand({ name: 'link-spotify', userId: ALICE, createdAt: Date.now() - 5_000 });
		await bot.waitForLog((line) => line.interactionId === late.id && line.level >= 40);

		const whileRunning = databaseBytes(world.databasePath);
		bot.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
		const database = Buffer.concat([whileRunning, databaseBytes(world.databasePath)]);
		const output = Buffer.from(bot.stdout + bot.stderr);

		const issued = tap?.issued ?? { access: [], refresh: [], codes: [] };
		// Two app tokens, Alice's first token and the refreshed one; her refresh token and its rotation.
		expect(issued.access.length).toBeGreaterThanOrEqual(4);
		expect(issued.refresh).toHaveLength(2);
		// Alice's code, and Bob's (sent again on each retry) while the accounts service failed.
		expect(issued.codes[0]).toBe(code);
		expect(new Set(issued.codes).size).toBe(3);
		const secrets: Record<string, string | Buffer> = {
			DISCORD_TOKEN: discordToken,
			SPOTIFY_CLIENT_SECRET: clientSecret,
			TOKEN_ENCRYPTION_KEY: world.encryptionKey,
			'confirm token': confirmToken,
			...Object.fromEntries(issued.codes.map((sent, index) => [`authorization code ${index + 1}`, sent])),
			...Object.fromEntries(issued.access.map((token, index) => [`access token ${index + 1}`, token])),
			...Object.fromEntries(issued.refresh.map((token, index) => [`refresh token ${index + 1}`, token])),
			...Object.fromEntries(discord.interactions.map((handle) => [`interaction token ${handle.id}`, handle.token])),
		};

		// The search reads the right bytes: the session is there, just not its secrets.
		expect(bot.logs().some((line) => line.msg === 'spotify account linked')).toBe(true);
		expect(bot.logs().some((line) => line.msg === 'spotify access token refreshed')).toBe(true);
		expect(output.includes(ALICE)).toBe(true);
		expect(database.includes(`spotify-link:${ALICE}`)).toBe(true);
		expect(database.includes(trackUris(second.message)[0]?.replace('spotify:track:', '') ?? '?')).toBe(true);
		expect(leaks(output, secrets)).toEqual([]);
		expect(leaks(database, secrets)).toEqual([]);
	});
});
