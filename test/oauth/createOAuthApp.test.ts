import { describe, expect, it } from 'vitest';
import { bootLinkingHarnessPerTest, type LinkingHarness } from '../services/linking/linkingHarness.js';
import { expectAccessiblePage, readPage as page } from './pageAssertions.js';

let harness: LinkingHarness;
const boot = bootLinkingHarnessPerTest((started) => (harness = started));

const MINUTE = 60_000;
const get = (path: string) => fetch(`${harness.baseUrl}${path}`);

describe('health, headers and limits', () => {
	it('reports health as JSON: 200 when all is up, else 503', async () => {
		await boot();
		const healthy = await get('/healthz');
		expect(healthy.status).toBe(200);
		expect(await healthy.json()).toEqual({ ok: true, gateway: true, store: true, storeKind: 'sqlite', ollama: true });

		harness.health = { gateway: true, store: true, ollama: false };
		const degraded = await get('/healthz');
		expect(degraded.status).toBe(503);
		expect(await degraded.json()).toEqual({
			ok: false,
			gateway: true,
			store: true,
			storeKind: 'sqlite',
			ollama: false,
		});

		harness.health = new Error('check crashed');
		const broken = await get('/healthz');
		expect(broken.status).toBe(503);
		expect(await broken.json()).toEqual({
			ok: false,
			gateway: false,
			store: false,
			storeKind: 'sqlite',
			ollama: false,
		});
	});

	it('sends security headers on pages, JSON and 404s', async () => {
		await boot();
		const responses = [await fetch(await harness.authorize('1001')), await get('/healthz'), await get('/nope')];
		expect(responses.map((response) => response.status)).toEqual([200, 200, 404]);
		for (const { headers } of responses) {
			const csp = headers.get('content-security-policy') ?? '';
			expect(csp).toContain("default-src 'none'");
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("base-uri 'none'");
			expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
			expect(csp).not.toContain('unsafe');
			expect(headers.get('x-content-type-options')).toBe('nosniff');
			expect(headers.get('referrer-policy')).toBe('no-referrer');
			expect(headers.get('cache-control')).toBe('no-store');
			expect(headers.get('x-powered-by')).toBeNull();
		}
		expectAccessiblePage((await responses[2]?.text()) ?? '');
	});

	it('rate-limits the callback with 429 after the limit, but not /healthz', async () => {
		await boot({ rateLimit: { limit: 3, windowMs: MINUTE } });
		const statuses = [];
		for (let attempt = 0; attempt < 4; attempt++) statuses.push((await get('/callback?state=x&code=y')).status);
		expect(statuses).toEqual([400, 400, 400, 429]);
		const limited = await page(await get('/callback?state=x&code=y'));
		expect(limited.status).toBe(429);
		expect(limited.html).toContain('<h1>Too many attempts</h1>');
		expect(limited.headers.get('ratelimit-policy')).toContain('q=3');
		expect((await get('/healthz')).status).toBe(200);
	});
});

describe('/healthz for the public and for the owner', () => {
	const FROM_ELSEWHERE = { 'x-forwarded-for': '203.0.113.9' };
	const getFrom = (headers: Record<string, string>) => fetch(`${harness.baseUrl}/healthz`, { headers });

	it('tells a request a proxy forwarded only ok and the status code', async () => {
		await boot();
		const up = await getFrom(FROM_ELSEWHERE);
		expect(up.status).toBe(200);
		expect(await up.json()).toEqual({ ok: true });

		harness.health = { gateway: true, store: true, ollama: false, ollamaHosts: [] };
		const down = await getFrom(FROM_ELSEWHERE);
		expect(down.status).toBe(503);
		expect(await down.json()).toEqual({ ok: false });
	});

	it('shows the details to the bearer of HEALTHZ_TOKEN from anywhere, and not for a wrong token', async () => {
		await boot({ oauthApp: { healthzToken: 'owner-s3cret', healthCacheMs: 0 } });
		const owner = await getFrom({ ...FROM_ELSEWHERE, authorization: 'Bearer owner-s3cret' });
		expect(await owner.json()).toEqual({ ok: true, gateway: true, store: true, storeKind: 'sqlite', ollama: true });
		const guess = await getFrom({ ...FROM_ELSEWHERE, authorization: 'Bearer owner-s3cre' });
		expect(await guess.json()).toEqual({ ok: true });
		const localGuess = await getFrom({ authorization: 'Bearer wrong' });
		expect(await localGuess.json()).toEqual({ ok: true });
	});

	it('with TRUST_PROXY, judges the client behind the proxy by its own address', async () => {
		await boot({ oauthApp: { trustProxy: 'loopback', healthCacheMs: 0 } });
		expect(await (await getFrom(FROM_ELSEWHERE)).json()).toEqual({ ok: true });
		expect(await (await getFrom({ 'x-forwarded-for': '127.0.0.1' })).json()).toMatchObject({ gateway: true });
	});

	it('runs one health check for every request within 2 s, so /healthz cannot hammer Ollama and the store', async () => {
		await boot({ oauthApp: { healthCacheMs: undefined } });
		const answers = await Promise.all(Array.from({ length: 20 }, () => get('/healthz')));
		expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
		expect(harness.healthChecks).toBe(1);
	});
});

describe('the callback rate limit', () => {
	it("counts each client behind a trusted proxy apart, so one client's garbage locks out only that client", async () => {
		await boot({ rateLimit: { limit: 3, windowMs: MINUTE }, oauthApp: { trustProxy: 1, healthCacheMs: 0 } });
		const from = (ip: string) =>
			fetch(`${harness.baseUrl}/callback?state=x&code=y`, { headers: { 'x-forwarded-for': ip } });
		const garbage = [];
		for (let attempt = 0; attempt < 4; attempt++) garbage.push((await from('203.0.113.9')).status);
		expect(garbage).toEqual([400, 400, 400, 429]);
		expect((await from('198.51.100.7')).status).toBe(400);
	});

	it('does not count successful links, so real users are never locked out by their own links', async () => {
		await boot({ rateLimit: { limit: 2, windowMs: MINUTE } });
		const statuses = [];
		for (const user of ['1001', '1002', '1003', '1004'])
			statuses.push((await fetch(await harness.authorize(user))).status);
		expect(statuses).toEqual([200, 200, 200, 200]);
	});
});
