import { describe, expect, it } from 'vitest';
import {
	cleanTitle,
	normalizeArtist,
	normalizePrompt,
	normalizeTitle,
	songKey,
} from '../../../src/services/pipeline/normalize.js';

describe('normalize', () => {
	it.each([
		['Hey Jude - Remastered 2015', 'hey jude'],
		['Hey Jude - 2015 Remaster', 'hey jude'],
		['Yesterday (Remastered 2009)', 'yesterday'],
		['Señorita (feat. Camila Cabello)', 'senorita'],
		['Señorita [feat. Camila]', 'senorita'],
		['Stay ft. Justin Bieber', 'stay'],
		["Don't Stop Me Now", 'don t stop me now'],
		['Rock & Roll', 'rock and roll'],
		['  Mr.   Brightside!! ', 'mr brightside'],
		['Song - Live at Wembley', 'song'],
	])('title %s → %s', (title, expected) => {
		expect(normalizeTitle(title)).toBe(expected);
	});

	it('keeps parts of a title that are not version notes', () => {
		expect(normalizeTitle('Part 1 - The Beginning')).toBe('part 1 the beginning');
		expect(cleanTitle('Hey Jude - Remastered 2015')).toBe('Hey Jude');
	});

	it('matches artists across accents, case and a leading "The"', () => {
		expect(normalizeArtist('Beyoncé')).toBe(normalizeArtist('BEYONCE'));
		expect(normalizeArtist('The Beatles')).toBe(normalizeArtist('beatles'));
		expect(normalizeArtist('AC/DC')).toBe('ac dc');
	});

	it('gives the same song key to spellings of one song and different keys to different songs', () => {
		expect(songKey('Señorita (feat. X)', 'Shawn Mendes')).toBe(songKey('senorita', 'shawn mendes'));
		expect(songKey('Senorita', 'Shawn Mendes')).not.toBe(songKey('Senorita', 'Justin Timberlake'));
	});

	it('normalizes prompts for the cache', () => {
		expect(normalizePrompt('  Upbeat K-pop,  for RUNNING! ')).toBe(normalizePrompt('upbeat k pop for running'));
		expect(normalizePrompt('jazz')).not.toBe(normalizePrompt('jazzy'));
	});

	it('keeps emoji and other symbols in the prompt: they are different playlists', () => {
		expect(normalizePrompt('🎉')).not.toBe(normalizePrompt('💔'));
		expect(normalizePrompt('songs for 🎉')).not.toBe(normalizePrompt('songs for 💔'));
		expect(normalizePrompt('songs for 🎉')).not.toBe(normalizePrompt('songs for'));
		// An emoji's variation selector is presentation, not meaning.
		expect(normalizePrompt('love ❤️')).toBe(normalizePrompt('LOVE ❤'));
	});
});
