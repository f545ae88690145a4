import type { Reply } from './http.js';

// Fault injection for the Discord stand-in: answer the next requests to a route with 429 and Discord's rate-limit
// headers, so tests can watch discord.js wait and retry.

interface RateLimit {
	route: RegExp;
	retryAfter: number;
	remaining: number;
}

export class RateLimiter {
	private readonly limits: RateLimit[] = [];

	add(route: RegExp, retryAfterSeconds: number, times = 1): void {
		this.limits.push({ route, retryAfter: retryAfterSeconds, remaining: times });
	}

	take(path: string): Reply | undefined {
		const limit = this.limits.find((candidate) => candidate.remaining > 0 && candidate.route.test(path));
		if (!limit) return undefined;
		limit.remaining -= 1;
		const seconds = limit.retryAfter;
		const headers = {
			'retry-after': String(seconds),
			'x-ratelimit-limit': '1',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': ((Date.now() + seconds * 1000) / 1000).toFixed(3),
			'x-ratelimit-reset-after': String(seconds),
			'x-ratelimit-bucket': `standin-${limit.route.source.length.toString(16)}`,
			'x-ratelimit-scope': 'user',
		};
		return {
			status: 429,
			headers,
			body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
		};
	}
}
