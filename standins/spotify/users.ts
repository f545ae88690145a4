import type { Request, Response } from 'express';
import type { AccessGrant, ApiCall, Context } from './context.js';
import { userObject } from './objects.js';
import { apiError } from './replies.js';
import type { SpotifyUser } from './types.js';

// Who is calling the Web API: bearer tokens and their expiry, the development-mode allow-list, scopes, and the
// caller's own profile (/v1/me).

const DEV_MODE_MESSAGE = 'Check settings on developer.spotify.com/dashboard, the user may not be registered.';

export function authenticate(ctx: Context, req: Request, res: Response): AccessGrant | null {
	const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
	const grant = token === undefined ? undefined : ctx.accessTokens.get(token);
	let failure: [number, string] | null = null;
	if (token === undefined) failure = [401, 'No token provided'];
	else if (!grant) failure = [401, 'Invalid access token'];
	else if (grant.expiresAt <= Date.now()) failure = [401, 'The access token expired'];
	else if (grant.userId !== null && ctx.allowedUserIds && !ctx.allowedUserIds.includes(grant.userId)) {
		failure = [403, DEV_MODE_MESSAGE];
	}
	if (failure) {
		apiError(res, failure[0], failure[1]);
		return null;
	}
	return grant ?? null;
}

export function requireUser(call: ApiCall, scopes?: string[]): SpotifyUser | null {
	const user = call.ctx.users.find((candidate) => candidate.id === call.grant.userId);
	const granted = call.grant.scope.split(' ');
	const scoped = !scopes || !call.ctx.enforceScopes || scopes.some((scope) => granted.includes(scope));
	if (!user || !scoped) {
		apiError(call.res, 403, 'Insufficient client scope');
		return null;
	}
	return user;
}

export function handleGetMe(call: ApiCall): void {
	const user = requireUser(call);
	if (user) call.res.json({ ...userObject(call.ctx.url, user), images: [] });
}
