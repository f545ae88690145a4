import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function sameToken(given: string, expected: string): boolean {
	// Hashed first, so the comparison takes the same time whatever the lengths.
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether a request comes from the bot's owner: it carries HEALTHZ_TOKEN as a bearer token, or it comes from this
 * machine. A request a reverse proxy forwarded is from elsewhere: with TRUST_PROXY set, `req.ip` is the client's
 * address; without it, the proxy's forwarding headers alone mark it as not local.
 */
export function isOwnerRequest(req: Request, token: string | undefined): boolean {
	const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
	if (token && bearer !== undefined) return sameToken(bearer, token);
	const forwarded = req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined;
	if (forwarded && !req.app.get('trust proxy')) return false;
	return LOOPBACK.test(req.ip ?? '');
}
