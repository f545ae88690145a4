import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets at rest: JSON sealed with AES-256-GCM. Each value gets a fresh 12-byte IV; the 16-byte auth tag is
// checked on open, so a tampered, truncated or foreign value fails instead of decrypting to garbage.
// `context` is bound as additional authenticated data: a value sealed for one key (e.g. one Discord user)
// does not open under another, even if someone swaps rows in the database.
// Each value names the key that sealed it (a short hash of the key, not the key), so an owner can rotate keys:
// TOKEN_ENCRYPTION_KEY seals, TOKEN_ENCRYPTION_KEYS_OLD still open. Values of format v1 carry no key id.

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
/** The current key seals; the old ones (TOKEN_ENCRYPTION_KEYS_OLD) only open. */
export interface KeyRing {
	current: Buffer;
	old: Buffer[];
}

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

/** Which key sealed a value: 8 bytes of a hash of the key, enough to tell keys apart and nothing to find one. */
export function keyId(key: Buffer): string {
	return createHash('sha256')
		.update('promptlist token key id\0')
		.update(key)
		.digest()
		.subarray(0, 8)
		.toString('base64url');
}

/** Encrypts `value` as JSON; returns `v2.<key id>.<iv>.<tag>.<ciphertext>` in base64url. */
export function sealJson(key: Buffer, value: unknown, context: string): string {
	checkKey(key);
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return [VERSION, keyId(key), iv, cipher.getAuthTag(), data]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
		.join('.');
}

interface SealedParts {
	keyId: string | undefined;
	iv: string;
	tag: string;
	data: string;
}

function splitSealed(sealed: unknown): SealedParts {
	if (typeof sealed !== 'string') throw new TokenDecryptError('not a sealed value');
	const parts = sealed.split('.');
	const [version] = parts;
	const rest = version === VERSION ? parts.slice(1) : version === LEGACY_VERSION ? [undefined, ...parts.slice(1)] : [];
	const [id, iv, tag, data] = rest;
	if (rest.length !== 4 || iv === undefined || tag === undefined || data === undefined) {
		throw new TokenDecryptError('unknown format');
	}
	return { keyId: id, iv, tag, data };
}

/** Opens what `sealJson` made with the same key and context; throws TokenDecryptError otherwise. */
export function openJson(key: Buffer, sealed: unknown, context: string): unknown {
	checkKey(key);
	const parts = splitSealed(sealed);
	if (parts.keyId !== undefined && parts.keyId !== keyId(key)) throw new TokenDecryptError('sealed with another key');
	return decrypt(key, parts, context);
}

/**
 * Opens a value with whichever key of the ring sealed it (a v1 value, which names none, with each in turn).
 * `stale` says it was not sealed by the current key in the current format: seal it again.
 */
export function openWithKeyRing(ring: KeyRing, sealed: unknown, context: string): { value: unknown; stale: boolean } {
	const parts = splitSealed(sealed);
	const keys = [ring.current, ...ring.old];
	const candidates = parts.keyId === undefined ? keys : keys.filter((key) => keyId(key) === parts.keyId);
	if (candidates.length === 0) throw new TokenDecryptError('sealed with a key that is not configured');
	let failure: unknown;
	for (const key of candidates) {
		try {
			const value = decrypt(key, parts, context);
			return { value, stale: key !== ring.current || parts.keyId === undefined };
		} catch (error) {
			failure = error;
		}
	}
	throw failure;
}

function decrypt(key: Buffer, { iv, tag, data }: SealedParts, context: string): unknown {
	checkKey(key);
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
