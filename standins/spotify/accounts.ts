import type { Request, Response } from 'express';
import { consentPage, errorPage, sendPage } from './consentPages.js';
import type { ConsentRequest, Context, UserGrant } from './context.js';
import { authError, newToken, queryOf, stringFields } from './replies.js';
import type { IssuedTokens } from './types.js';

// The accounts service: /api/token (client credentials, authorization code, refresh with rotation) and the
// /authorize consent flow that hands out codes, with Spotify's error answers for bad clients and grants.

export const DEFAULT_SCOPE = 'user-read-private playlist-modify-private playlist-modify-public';
const CODE_TTL_MS = 10 * 60 * 1000;

export function handleToken(ctx: Context, req: Request, res: Response): void {
	const form = stringFields(req.body);
	if (!form.grant_type) return authError(res, 'unsupported_grant_type', 'grant_type parameter is missing');
	if (!clientAuthenticated(ctx, req, form)) return authError(res, 'invalid_client', 'Invalid client');
	switch (form.grant_type) {
		case 'client_credentials':
			res.json(tokenResponse(ctx, { userId: null, scope: '' }));
			return;
		case 'authorization_code':
			return exchangeCode(ctx, form, res);
		case 'refresh_token':
			return refreshGrant(ctx, form, res);
		default:
			return authError(res, 'unsupported_grant_type', `Unsupported grant_type ${form.grant_type}`);
	}
}

// Spotify takes the client's credentials from Basic auth or from the form (spotify-web-api-node sends the form).
function clientAuthenticated(ctx: Context, req: Request, form: Record<string, string>): boolean {
	const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
	let id = form.client_id;
	let secret = form.client_secret;
	if (basic) {
		const decoded = Buffer.from(basic, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		id = decoded.slice(0, colon);
		secret = decoded.slice(colon + 1);
	}
	return id === ctx.clientId && secret === ctx.clientSecret;
}

function tokenResponse(ctx: Context, grant: { userId: string | null; scope: string }, refreshToken?: string): object {
	const accessToken = newToken();
	ctx.accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + ctx.ttlSeconds * 1000 });
	return {
		access_token: accessToken,
		token_type: 'Bearer',
		expires_in: ctx.ttlSeconds,
		...(grant.userId === null ? {} : { scope: grant.scope }),
		...(refreshToken ? { refresh_token: refreshToken } : {}),
	};
}

export function issueTokens(ctx: Context, grant: UserGrant): IssuedTokens {
	const refreshToken = newToken();
	ctx.refreshTokens.set(refreshToken, grant);
	const { access_token: accessToken } = tokenResponse(ctx, grant) as { access_token: string };
	return { accessToken, refreshToken, scope: grant.scope };
}

function exchangeCode(ctx: Context, form: Record<string, string>, res: Response): void {
	const code = form.code ?? '';
	const grant = ctx.codes.get(code);
	if (!grant) return authError(res, 'invalid_grant', 'Invalid authorization code');
	if (grant.expiresAt <= Date.now()) {
		ctx.codes.delete(code);
		return authError(res, 'invalid_grant', 'Authorization code expired');
	}
	if (form.redirect_uri !== grant.redirectUri) return authError(res, 'invalid_grant', 'Invalid redirect URI');
	ctx.codes.delete(code);
	const refreshToken = newToken();
	ctx.refreshTokens.set(refreshToken, { userId: grant.userId, scope: grant.scope });
	res.json(tokenResponse(ctx, grant, refreshToken));
}

function refreshGrant(ctx: Context, form: Record<string, string>, res: Response): void {
	const token = form.refresh_token ?? '';
	const grant = ctx.refreshTokens.get(token);
	if (!grant) return authError(res, 'invalid_grant', 'Refresh token revoked');
	let rotated: string | undefined;
	if (ctx.rotate) {
		ctx.refreshTokens.delete(token);
		rotated = newToken();
		ctx.refreshTokens.set(rotated, grant);
	}
	res.json(tokenResponse(ctx, grant, rotated));
}

export function handleAuthorize(ctx: Context, req: Request, res: Response): void {
	const query = queryOf(ctx, req);
	if (query.client_id !== ctx.clientId) return sendPage(res, 400, errorPage('INVALID_CLIENT: Invalid client'));
	const redirectUri = query.redirect_uri ?? '';
	if (!redirectAllowed(ctx, redirectUri)) return sendPage(res, 400, errorPage('INVALID_CLIENT: Invalid redirect URI'));
	if (query.response_type !== 'code') {
		return res.redirect(302, withParams(redirectUri, { error: 'unsupported_response_type', state: query.state }));
	}
	// Spotify grants exactly the requested scopes; limitConsentScopes narrows them to emulate an older link.
	const limit = ctx.consentScopeLimit;
	const scope = (query.scope ?? '')
		.split(/[\s,]+/)
		.filter((name) => name !== '' && (!limit || limit.includes(name)))
		.join(' ');
	const request: ConsentRequest = { userId: ctx.currentUserId, redirectUri, scope, state: query.state };
	if (ctx.autoApprove) return res.redirect(302, approve(ctx, request));
	const requestId = newToken();
	ctx.consents.set(requestId, request);
	sendPage(res, 200, consentPage(ctx, requestId, request));
}

function redirectAllowed(ctx: Context, uri: string): boolean {
	if (ctx.redirectUris) return ctx.redirectUris.includes(uri);
	return URL.canParse(uri);
}

export function handleDecision(ctx: Context, req: Request, res: Response): void {
	const form = stringFields(req.body);
	const request = ctx.consents.get(form.request_id ?? '');
	if (!request) return sendPage(res, 400, errorPage('Unknown or already answered authorization request'));
	ctx.consents.delete(form.request_id ?? '');
	if (form.decision === 'accept') return res.redirect(302, approve(ctx, request));
	res.redirect(302, withParams(request.redirectUri, { error: 'access_denied', state: request.state }));
}

function approve(ctx: Context, request: ConsentRequest): string {
	const code = newToken();
	ctx.codes.set(code, { ...request, expiresAt: Date.now() + CODE_TTL_MS });
	return withParams(request.redirectUri, { code, state: request.state });
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
	const url = new URL(uri);
	for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
	return url.toString();
}
