import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Secrets at rest: JSON sealed with AES-256-GCM. Each value gets a fresh 12-byte IV; the 16-byte auth tag is
// checked on open, so a tampered, truncated or foreign value fails instead of decrypting to garbage.
// `context` is bound as additional authenticated data: a value sealed for one key (e.g. one Discord user)
// does not open under another, even if someone swaps rows in the database.

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** A sealed value failed to open: wrong key, wrong context, or altered bytes. Carries no secret. */
export class TokenDecryptError extends Error {
	constructor(reason: string) {
		super(`cannot decrypt stored value: ${reason}`);
		this.name = 'TokenDecryptError';
	}
}

function checkKey(key: Buffer): void {
	if (key.length !== 32) throw new RangeError('the token encryption key must be 32 bytes');
}

/** Encrypts `value` as JSON; returns `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function sealJson(key: Buffer, value: unknown, context: string): string {
	checkKey(key);
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return [VERSION, iv, cipher.getAuthTag(), data]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
		.join('.');
}

/** Opens what `sealJson` made with the same key and context; throws TokenDecryptError otherwise. */
export function openJson(key: Buffer, sealed: unknown, context: string): unknown {
	checkKey(key);
	if (typeof sealed !== 'string') throw new TokenDecryptError('not a sealed value');
	const [version, iv, tag, data, extra] = sealed.split('.');
	if (version !== VERSION || iv === undefined || tag === undefined || data === undefined || extra !== undefined) {
		throw new TokenDecryptError('unknown format');
	}
	const ivBytes = Buffer.from(iv, 'base64url');
	const tagBytes = Buffer.from(tag, 'base64url');
	if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new TokenDecryptError('unknown format');
	let plain: string;
	try {
		const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(tagBytes);
		plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		throw new TokenDecryptError('authentication failed (wrong key or altered value)');
	}
	return JSON.parse(plain) as unknown;
}
