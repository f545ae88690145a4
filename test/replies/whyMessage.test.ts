import { describe, expect, it } from 'vitest';
import type { PlaylistDraft } from '../../src/services/pipeline/playlistTypes.js';
import { buildWhyMessages } from '../../src/replies/whyMessage.js';

function draftOf(count: number): PlaylistDraft {
	const tracks = Array.from({ length: count }, (_, index) => ({
		id: `t${index}`,
		uri: `spotify:track:t${index}`,
		name: `A very long song title number ${index} (feat. Somebody Else) - Remastered`.repeat(2),
		artists: ['An Artist With A Long Name', 'And Another One'],
		album: 'Album',
		imageUrl: null,
		url: `https://open.spotify.com/track/t${index}`,
		durationMs: 200_000,
		source: index % 2 ? ('llm' as const) : ('seed' as const),
		reason: index % 2 ? `**bold** [link](https://x.example) @everyone ${'why '.repeat(30)}` : null,
	}));
	return {
		id: 'd',
		name: 'N',
		prompt: 'p',
		length: count,
		model: 'm',
		attributes: {
			mood: 'happy',
			genres: ['pop'],
			energy: 'high',
			era: null,
			language: null,
			keywords: [],
			durationMinutes: null,
			phases: [],
		},
		tracks,
		degraded: null,
		dropped: 0,
		timingsMs: { extract: 0, seed: 0, refine: 0, assemble: 0 },
		createdAt: new Date(0).toISOString(),
	};
}

describe('buildWhyMessages', () => {
	it('lists 50 long entries over several messages, each within Discord embed limits, in order', () => {
		const messages = buildWhyMessages(draftOf(50));
		expect(messages.length).toBeGreaterThanOrEqual(2);
		const numbers: number[] = [];
		for (const { embeds } of messages) {
			expect(embeds.length).toBeLessThanOrEqual(10);
			const json = embeds.map((embed) => embed.toJSON());
			const total = json.reduce((sum, embed) => sum + (embed.description?.length ?? 0) + (embed.title?.length ?? 0), 0);
			expect(total).toBeLessThanOrEqual(6000);
			for (const embed of json) {
				expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
				numbers.push(...[...(embed.description ?? '').matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1])));
			}
		}
		expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
	});

	it('escapes reasons and names, and says a seed was found by search when it has no reason', () => {
		const [message] = buildWhyMessages(draftOf(2));
		const text = message?.embeds[0]?.toJSON().description ?? '';
		expect(text).toContain('↳ search');
		expect(text).not.toMatch(/(?<!\\)\*\*bold/);
		expect(text).not.toContain('@everyone');
		expect(text).not.toMatch(/(?<!\\)\[link/);
	});
});
