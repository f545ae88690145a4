import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiscordContext } from './context.js';
import type { RateLimiter } from './faults.js';
import { decodeSegment, discordError, parseBody, readBody, type ParsedBody, type Reply } from './http.js';
import type { StandinInteraction } from './interactionHandle.js';
import { matchRoute, type Route, type RouteContext, type RouteMatch } from './routing.js';
import type { RecordedRequest } from './types.js';
import type { BodyValidator } from './validation.js';

// The REST front door under /api/v10: records every request (and ties it to its interaction), then applies, in
// Discord's order, JSON parsing, injected rate limits, routing, bot auth and body checks before the route runs.

const API_PREFIX = '/api/v10';

export interface RequestDeps {
	routes: Route[];
	interactions: StandinInteraction[];
	validator: BodyValidator;
	rateLimits: RateLimiter;
	/** Files outside the API (attachment urls); undefined when there is none at the path. */
	serveFile?: (method: string, path: string) => Reply | undefined;
}

export class RequestHandler {
	readonly requests: RecordedRequest[] = [];
	readonly unknownRequests: RecordedRequest[] = [];

	constructor(
		private readonly standin: DiscordContext,
		private readonly deps: RequestDeps,
	) {}

	async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
		let reply: Reply;
		try {
			reply = await this.handleRequest(request);
		} catch (error) {
			reply = discordError(500, `Stand-in error: ${error instanceof Error ? error.stack : String(error)}`, 0);
		}
		if (reply.raw) {
			response.writeHead(reply.status, reply.headers);
			response.end(reply.raw);
			return;
		}
		const headers = { ...reply.headers, ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }) };
		response.writeHead(reply.status, headers);
		response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
	}

	private async handleRequest(request: IncomingMessage): Promise<Reply> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = request.method ?? 'GET';
		const parsed = parseBody(await readBody(request), request.headers['content-type']);
		const versioned = url.pathname.startsWith(`${API_PREFIX}/`);
		// Record and match decoded paths: discord.js sends `@original` as `%40original`.
		const pathname = url.pathname.split('/').map(decodeSegment).join('/');
		const path = versioned ? pathname.slice(API_PREFIX.length) : pathname;
		const record: RecordedRequest = {
			method,
			path,
			query: url.search,
			body: parsed.body,
			files: parsed.files,
			at: performance.now(),
			status: 0,
		};
		this.requests.push(record);
		const match = versioned ? matchRoute(this.deps.routes, method, path) : undefined;
		const interaction = match ? this.interactionOf(match.route, match.params) : undefined;
		if (interaction) {
			record.interactionId = interaction.id;
			interaction.requests.push(record);
		}
		const file = versioned ? undefined : this.deps.serveFile?.(method, path);
		const reply = file ?? this.dispatchRequest(request, record, parsed, match);
		record.status = reply.status;
		interaction?.notify();
		return reply;
	}

	private dispatchRequest(
		request: IncomingMessage,
		record: RecordedRequest,
		parsed: ParsedBody,
		match?: RouteMatch,
	): Reply {
		if (parsed.invalid) return discordError(400, 'The request body contains invalid JSON.', 50109);
		const limited = this.deps.rateLimits.take(record.path);
		if (limited) return limited;
		if (!match) {
			this.unknownRequests.push(record);
			return discordError(404, '404: Not Found', 0);
		}
		if (match.route.auth === 'bot' && request.headers.authorization !== `Bot ${this.standin.token}`) {
			return discordError(401, '401: Unauthorized', 0);
		}
		const context: RouteContext = {
			params: match.params,
			body: parsed.body,
			query: new URLSearchParams(record.query),
			record,
		};
		return this.deps.validator.check(match.route, context) ?? match.route.handle(context);
	}

	private interactionOf(route: Route, params: string[]): StandinInteraction | undefined {
		if (route.auth !== 'token') return undefined;
		return this.deps.interactions.find(
			(interaction) => interaction.id === params[0] || interaction.token === params[1],
		);
	}
}
