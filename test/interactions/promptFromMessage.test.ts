import { describe, expect, it } from 'vitest';
import { promptFromMessage } from '../../src/interactions/promptFromMessage.js';

describe('promptFromMessage', () => {
	it('keeps the words and drops mentions, custom emoji, timestamps and links', () => {
		const content =
			'<@123456789012345678> <@!1> <@&2> <#3> </playlist:4> songs for our <a:party:5> road trip <t:1700000000:R> ' +
			'like https://open.spotify.com/track/abc <https://x.example/y> @everyone 🎶';
		expect(promptFromMessage(content)).toBe('songs for our road trip like 🎶');
	});

	it('is null when no letters or digits are left', () => {
		expect(promptFromMessage('')).toBeNull();
		expect(promptFromMessage('https://cdn.example/cat.png <:blob:42> <@1> 🎶 !!')).toBeNull();
	});

	it('cuts a long message at a word, within the prompt limit', () => {
		const prompt = promptFromMessage(`${'sunny '.repeat(80)}end`) ?? '';
		expect(prompt.length).toBeLessThanOrEqual(300);
		expect(prompt.endsWith('sunny')).toBe(true);
	});
});
