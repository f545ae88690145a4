import type { NextFunction, Request, Response } from 'express';
import type { Context, FaultEntry } from './context.js';
import { apiErrorBody } from './replies.js';
import type { FaultOptions, SpotifyFault } from './types.js';

// Latency and fault injection, run before any route: one-shot faults (failNext) and sticky ones (setFault) turn a
// request into an error status, a 429, a slow or dropped connection, a lost reply, or an empty search result.

export const SEARCH_PATH = /^\/v1\/search\/?$/;
const STATUS_MESSAGES: Record<number, string> = {
	401: 'The access token expired',
	403: 'Forbidden',
	500: 'Server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
};

export function setStickyFault(ctx: Context, fault: SpotifyFault | null, { path, method }: FaultOptions = {}): void {
	const key = path?.source;
	const same = (entry: FaultEntry) => entry.path?.source === key && entry.method === method;
	ctx.sticky = fault === null && !path && !method ? [] : ctx.sticky.filter((entry) => !same(entry));
	if (fault) ctx.sticky.push({ fault, path, method, times: Infinity });
}

function sleep(ctx: Context, ms: number): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			ctx.timers.delete(timer);
			resolve();
		}, ms);
		ctx.timers.add(timer);
	});
}

export async function delayAndFault(ctx: Context, req: Request, res: Response, next: NextFunction): Promise<void> {
	const jitter = ctx.jitterMs > 0 ? Math.floor(ctx.jitterRng() * (ctx.jitterMs + 1)) : 0;
	await sleep(ctx, ctx.latencyMs + jitter);
	const fault = takeFault(ctx, req.method, req.path);
	if (req.socket.destroyed) return;
	if (!fault) return next();
	switch (fault.kind) {
		case 'slow':
			await sleep(ctx, fault.ms);
			if (!req.socket.destroyed) next();
			return;
		case 'down':
			req.socket.destroy();
			return;
		case 'lost-reply':
			loseReply(ctx, req, res, fault.afterMs ?? 0);
			return next();
		case 'empty':
			ctx.emptySearch.add(req);
			return next();
		case 'status':
			res.status(fault.status).json(fault.body ?? apiErrorBody(fault.status, STATUS_MESSAGES[fault.status] ?? 'Error'));
			return;
		case 'rate-limit':
			sendRateLimit(res, fault);
	}
}

// The handler runs and changes state; whatever it sends is swallowed and the connection dropped instead.
function loseReply(ctx: Context, req: Request, res: Response, afterMs: number): void {
	res.end = (() => {
		void sleep(ctx, afterMs).then(() => req.socket.destroy());
		return res;
	}) as Response['end'];
}

function sendRateLimit(res: Response, fault: { retryAfter: number; quota?: boolean }): void {
	const body = fault.quota
		? { error: { status: 429, message: 'API quota exceeded', reason: 'QUOTA_EXCEEDED' } }
		: apiErrorBody(429, 'API rate limit exceeded');
	res.set('Retry-After', String(fault.retryAfter)).status(429).json(body);
}

// One-shot faults win over sticky ones; an `empty` fault only ever applies to searches.
function takeFault(ctx: Context, method: string, path: string): SpotifyFault | null {
	const fits = (entry: FaultEntry): boolean => {
		if (entry.fault.kind === 'empty' && !SEARCH_PATH.test(path)) return false;
		if (entry.method && entry.method !== method) return false;
		if (!entry.path) return true;
		entry.path.lastIndex = 0;
		return entry.path.test(path);
	};
	const index = ctx.oneShot.findIndex(fits);
	const entry = ctx.oneShot[index];
	if (entry) {
		entry.times--;
		if (entry.times <= 0) ctx.oneShot.splice(index, 1);
		return entry.fault;
	}
	return ctx.sticky.find(fits)?.fault ?? null;
}
