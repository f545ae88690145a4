import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readMessage, startBot, type BotHarness } from '../helpers/bot.js';

// Debian's chromium, installed by .ci/run. Outside CI the test is skipped when it is missing.
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);

// As root and on a machine with no outside network, Chromium needs these to start quietly.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let bot: BotHarness | undefined;
let browser: Browser | undefined;
afterEach(async () => {
	await browser?.close();
	await bot?.close();
});

/** /link-spotify for `userId`, then its link opened in Chromium and Spotify's consent answered with `choice`. */
async function consentInBrowser(userId: string, choice: '#accept' | '#deny') {
	const handle = bot!.discord.sendCommand({ name: 'link-spotify', userId });
	await handle.waitFor((h) => (h.message?.components.length ?? 0) > 0);
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const page = await browser.newPage();
	await page.goto(readMessage(handle.message).buttons[0]?.url ?? '');
	await page.click(choice);
	await page.waitForURL((target) => target.href.startsWith(bot?.config.spotify.redirectUri ?? '-'));
	return page;
}

/** What /link-spotify says to `userId` now. */
async function linkStatus(userId: string): Promise<string> {
	const again = bot!.discord.sendCommand({ name: 'link-spotify', userId });
	await again.waitFor((h) => (h.message?.components.length ?? 0) > 0);
	return readMessage(again.message).content;
}

describe.skipIf(!available)('linking in a real browser', () => {
	it('follows the /link-spotify button through the consent and confirm pages to the success page', async () => {
		bot = await startBot();
		bot.upstreams.spotify.setCurrentUser('alice');
		const page = await consentInBrowser('600000000000000001', '#accept');
		// The confirm page names both accounts; only its Link button (a plain form, no script) stores the link.
		expect(await page.locator('h1').innerText()).toBe('Link these accounts?');
		expect(await page.locator('main').innerText()).toMatch(/Spotify account Alice \(alice\) to the Discord user/);
		if (process.env.SCREENSHOT)
			await page.screenshot({ path: process.env.SCREENSHOT.replace(/\.png$/, '-confirm.png') });
		const confirmToken = (await page.locator('input[name="confirm"]').getAttribute('value')) ?? '';
		const confirmAction = new URL((await page.locator('form').getAttribute('action')) ?? '', page.url()).toString();
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Link', exact: true }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Spotify account linked');
		if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
		const text = await page.locator('main').innerText();
		expect(text).toContain('Alice');
		expect(text.toLowerCase()).toContain('close this tab');
		expect(await page.title()).not.toBe('');

		expect(await linkStatus('600000000000000001')).toContain('You are linked as **Alice**');

		// The confirm form sent again from the same browser is refused, and going back finds the callback used up.
		const replayed = await page.request.post(confirmAction, { form: { confirm: confirmToken, decision: 'link' } });
		expect(replayed.status()).toBe(400);
		expect(await replayed.text()).toContain('<h1>This link has expired</h1>');
		await page.goBack();
		expect(await page.locator('h1').innerText()).toBe('This link has expired');
	});

	it('links nothing when the person in the browser presses Not me', async () => {
		bot = await startBot();
		bot.upstreams.spotify.setCurrentUser('bob');
		const page = await consentInBrowser('600000000000000003', '#accept');
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Not me' }).click()]);
		expect(await page.locator('h1').innerText()).toBe('Nothing was linked');
		expect(await linkStatus('600000000000000003')).not.toContain('You are linked as');
	});

	it('shows a friendly page and links nothing when consent is denied', async () => {
		bot = await startBot();
		const page = await consentInBrowser('600000000000000002', '#deny');
		expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
		expect(await page.locator('h1').innerText()).not.toBe('');
		expect(await linkStatus('600000000000000002')).not.toContain('You are linked as');
	});
});
