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
