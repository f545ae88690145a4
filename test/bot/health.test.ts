import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotHarness } from '../helpers/bot.js';

let bot: BotHarness;
afterEach(async () => {
	await bot.close();
});

async function health() {
	const response = await fetch(`${bot.app.httpUrl}/healthz`);
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /healthz', () => {
	it('reports the gateway, the store and its kind, Ollama and each Ollama host', async () => {
		bot = await startBot();
		const up = await health();
		expect(up.status).toBe(200);
		expect(up.body).toMatchObject({ ok: true, gateway: true, store: true, ollama: true, storeKind: 'sqlite' });
		expect(up.body.ollamaHosts).toEqual([
			{ host: bot.upstreams.ollama.url, healthy: true, inFlight: 0, downUntil: null },
		]);
	});

	it('answers 503 and shows the host skipped when Ollama is down', async () => {
		bot = await startBot();
		await bot.upstreams.ollama.setFault({ kind: 'down' });
		const handle = bot.discord.sendCommand({ name: 'playlist', options: { prompt: 'jazz', length: 5 } });
		await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0, 20_000);
		const down = await health();
		expect(down.status).toBe(503);
		expect(down.body).toMatchObject({ ok: false, gateway: true, store: true, ollama: false });
		expect(down.body.ollamaHosts).toEqual([expect.objectContaining({ healthy: false, downUntil: expect.any(String) })]);
	});
});
