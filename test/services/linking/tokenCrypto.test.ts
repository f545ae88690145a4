import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openJson, sealJson, TokenDecryptError } from '../../../src/services/linking/tokenCrypto.js';

const key = randomBytes(32);
const secret = {
	accessToken: 'BQD-access-token-value',
	refreshToken: 'AQB-refresh-token-value',
	expiresAt: 1_700_000_000_000,
};

function tamper(sealed: string, part: number): string {
	const parts = sealed.split('.');
	const bytes = Buffer.from(parts[part] ?? '', 'base64url');
	bytes[0] = (bytes[0] ?? 0) ^ 0x01;
	parts[part] = bytes.toString('base64url');
	return parts.join('.');
}

describe('token crypto (AES-256-GCM)', () => {
	it('round-trips JSON and never shows the plaintext', () => {
		const sealed = sealJson(key, secret, 'spotify-link:1');
		expect(openJson(key, sealed, 'spotify-link:1')).toEqual(secret);
		expect(sealed).not.toContain('access-token');
		expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('access-token');
	});

	it('uses a fresh 12-byte IV per value, with a 16-byte tag', () => {
		const first = sealJson(key, secret, 'c').split('.');
		const second = sealJson(key, secret, 'c').split('.');
		expect(first[0]).toBe('v1');
		expect(Buffer.from(first[1] ?? '', 'base64url')).toHaveLength(12);
		expect(Buffer.from(first[2] ?? '', 'base64url')).toHaveLength(16);
		expect(first[1]).not.toBe(second[1]);
		expect(first[3]).not.toBe(second[3]);
	});

	it('refuses another key, another context, or any altered part', () => {
		const sealed = sealJson(key, secret, 'spotify-link:1');
		expect(() => openJson(randomBytes(32), sealed, 'spotify-link:1')).toThrow(TokenDecryptError);
		expect(() => openJson(key, sealed, 'spotify-link:2')).toThrow(TokenDecryptError);
		for (const part of [1, 2, 3])
			expect(() => openJson(key, tamper(sealed, part), 'spotify-link:1')).toThrow(TokenDecryptError);
	});

	it('refuses values that are not sealed strings, without echoing them', () => {
		for (const value of [
			undefined,
			42,
			{ accessToken: 'x' },
			'plain-token',
			'v2.a.b.c',
			'v1.AAAA.AAAA.AAAA',
			`${sealJson(key, 1, 'c')}.extra`,
		]) {
			expect(() => openJson(key, value, 'c')).toThrow(TokenDecryptError);
		}
		let message = '';
		try {
			openJson(key, 'v1.secret-looking.value.here', 'c');
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^cannot decrypt stored value/);
		expect(message).not.toContain('secret-looking');
	});

	it('insists on a 32-byte key', () => {
		expect(() => sealJson(randomBytes(16), secret, 'c')).toThrow(RangeError);
		expect(() => openJson(randomBytes(31), 'v1.a.b.c', 'c')).toThrow(RangeError);
	});
});
