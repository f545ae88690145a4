import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Context } from './context.js';

// Small helpers every Spotify route uses: the Web API and accounts error bodies, token minting, and reading the
// parsed query or form.

export function handleError(error: unknown, res: Response): void {
	const parseFailed =
		typeof error === 'object' && error !== null && 'type' in error && error.type === 'entity.parse.failed';
	if (parseFailed) {
		res.status(400).json(apiErrorBody(400, 'Error parsing json'));
		return;
	}
	res.status(500).json(apiErrorBody(500, `Stand-in error: ${error instanceof Error ? error.message : String(error)}`));
}

export function apiErrorBody(status: number, message: string): { error: { status: number; message: string } } {
	return { error: { status, message } };
}

export function apiError(res: Response, status: number, message: string): void {
	if (status === 401)
		res.set('WWW-Authenticate', `Bearer realm="spotify", error="invalid_token", error_description="${message}"`);
	res.status(status).json(apiErrorBody(status, message));
}

export function authError(res: Response, error: string, description: string): void {
	res.status(400).json({ error, error_description: description });
}

export function newToken(): string {
	return randomBytes(24).toString('base64url');
}

export function stringFields(value: unknown): Record<string, string> {
	if (typeof value !== 'object' || value === null) return {};
	return Object.fromEntries(
		Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
	);
}

export function queryOf(ctx: Context, req: Request): Record<string, string> {
	return ctx.recordOf.get(req)?.query ?? {};
}
