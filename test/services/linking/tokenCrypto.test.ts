import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipheriv } from 'node:crypto';
import {
	keyId,
	openJson,
	openWithKeyRing,
	sealJson,
	TokenDecryptError,
} from '../../../src/services/linking/tokenCrypto.js';

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
		expect(Buffer.from(sealed.split('.')[4] ?? '', 'base64url').toString('latin1')).not.toContain('access-token');
	});

	it('names its key by id, and uses a fresh 12-byte IV per value, with a 16-byte tag', () => {
		const first = sealJson(key, secret, 'c').split('.');
		const second = sealJson(key, secret, 'c').split('.');
		expect(first[0]).toBe('v2');
		expect(first[1]).toBe(keyId(key));
		expect(keyId(randomBytes(32))).not.toBe(keyId(key));
		expect(Buffer.from(first[2] ?? '', 'base64url')).toHaveLength(12);
		expect(Buffer.from(first[3] ?? '', 'base64url')).toHaveLength(16);
		expect(first[2]).not.toBe(second[2]);
		expect(first[4]).not.toBe(second[4]);
	});

	it('refuses another key, another context, or any altered part', () => {
		const sealed = sealJson(key, secret, 'spotify-link:1');
		expect(() => openJson(randomBytes(32), sealed, 'spotify-link:1')).toThrow(TokenDecryptError);
		expect(() => openJson(key, sealed, 'spotify-link:2')).toThrow(TokenDecryptError);
		for (const part of [1, 2, 3, 4])
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

	it('opens with whichever key of the ring sealed it, and says when to seal again with the current key', () => {
		const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
		const sealedOld = sealJson(oldKey, secret, 'ctx');
		expect(openWithKeyRing({ current: newKey, old: [oldKey] }, sealedOld, 'ctx')).toEqual({
			value: secret,
			stale: true,
		});
		const sealedNew = sealJson(newKey, secret, 'ctx');
		expect(openWithKeyRing({ current: newKey, old: [oldKey] }, sealedNew, 'ctx')).toEqual({
			value: secret,
			stale: false,
		});
		expect(() => openWithKeyRing({ current: newKey, old: [] }, sealedOld, 'ctx')).toThrow(TokenDecryptError);
		expect(() => openWithKeyRing({ current: newKey, old: [oldKey] }, sealedOld, 'other')).toThrow(TokenDecryptError);
	});

	it('still opens values of the first format (v1, no key id), with any key of the ring, as stale', () => {
		// v1 as the bot wrote it before key ids: v1.<iv>.<tag>.<ciphertext>.
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
		cipher.setAAD(Buffer.from('ctx', 'utf8'));
		const data = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
		const legacy = ['v1', iv, cipher.getAuthTag(), data]
			.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
			.join('.');
		expect(openJson(key, legacy, 'ctx')).toEqual(secret);
		expect(openWithKeyRing({ current: randomBytes(32), old: [key] }, legacy, 'ctx')).toEqual({
			value: secret,
			stale: true,
		});
		expect(openWithKeyRing({ current: key, old: [] }, legacy, 'ctx')).toEqual({ value: secret, stale: true });
	});

	it('insists on a 32-byte key', () => {
		expect(() => sealJson(randomBytes(16), secret, 'c')).toThrow(RangeError);
		expect(() => openJson(randomBytes(31), 'v1.a.b.c', 'c')).toThrow(RangeError);
	});
});
