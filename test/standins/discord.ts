import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
	DEFAULT_DISCORD_SPEC_PATH,
	buildFormErrors,
	checkCommandLimits,
	checkMessageLimits,
	describeProblem,
	flattenComponents,
	loadDiscordSpec,
	validateSpecBody,
	type FormProblem,
} from './discordSpec.js';

// A Discord stand-in on 127.0.0.1: REST under /api/v10 and a JSON gateway on the same port, faithful enough that
// an unmodified discord.js Client logs in, receives interactions and answers them. Everything is recorded.
// One file on purpose: the gateway, REST routes and interaction state share one object and one clock.

type Json = Record<string, unknown>;

export interface DiscordStandinOptions {
	applicationId?: string;
	botUserId?: string;
	botUsername?: string;
	guildIds?: string[];
	token?: string;
	specPath?: string;
	/** HELLO's heartbeat_interval (ms). */
	heartbeatIntervalMs?: number;
	/** Time allowed for the first response to an interaction; Discord allows 3 s. */
	callbackWindowMs?: number;
}

export interface RecordedRequest {
	method: string;
	/** Path relative to `/api/v10`, without the query, e.g. `/applications/1/commands`. */
	path: string;
	/** Query string including `?`, or ''. */
	query: string;
	/** Parsed JSON body (or `payload_json` of a multipart body). */
	body: unknown;
	files: Array<{ name: string; filename: string; size: number }>;
	/** performance.now() when the request arrived. */
	at: number;
	/** HTTP status the stand-in answered; 0 while in flight. */
	status: number;
	interactionId?: string;
}

export interface Violation {
	method: string;
	path: string;
	problems: string[];
}

export interface AllowedMentionsRecord {
	method: string;
	path: string;
	interactionId?: string;
	allowedMentions: unknown;
}

export interface StandinMessage {
	id: string;
	type: number;
	channel_id: string;
	guild_id?: string;
	author: Json;
	content: string;
	embeds: Json[];
	components: Json[];
	flags: number;
	attachments: Json[];
	mentions: Json[];
	mention_roles: string[];
	mention_everyone: boolean;
	pinned: boolean;
	tts: boolean;
	timestamp: string;
	edited_timestamp: string | null;
	webhook_id?: string;
	application_id?: string;
	interaction_metadata?: Json;
}

export interface CallbackBody {
	type: number;
	data?: Json;
}

export interface InteractionHandle {
	readonly id: string;
	readonly token: string;
	readonly type: number;
	/** The INTERACTION_CREATE payload as dispatched. */
	readonly payload: Json;
	/** performance.now() at dispatch. */
	readonly sentAt: number;
	/** Epoch ms encoded in the interaction's snowflake. */
	readonly createdAt: number;
	/** Every request that referred to this interaction, including rejected ones. */
	readonly requests: RecordedRequest[];
	/** Accepted callback bodies (at most one). */
	readonly callbacks: CallbackBody[];
	/** Accepted PATCH bodies (original response and follow-ups). */
	readonly edits: Json[];
	/** Accepted follow-up bodies. */
	readonly followUps: Json[];
	readonly followUpMessages: StandinMessage[];
	/** Current state of the original response (for components after type 6/7: the clicked message). */
	readonly message: StandinMessage | undefined;
	waitForCallback(timeoutMs?: number): Promise<CallbackBody>;
	waitFor(predicate: (handle: InteractionHandle) => boolean, timeoutMs?: number): Promise<InteractionHandle>;
}

interface BaseInteractionInput {
	userId?: string;
	username?: string;
	guildId?: string;
	channelId?: string;
	/** When the interaction happened (epoch ms or Date); default now. Older than 15 min means already expired. */
	createdAt?: number | Date;
	locale?: string;
	/** The member's permission bitfield; default '0'. */
	permissions?: string;
}

export interface InteractionInput extends BaseInteractionInput {
	type: number;
	data?: Json;
	/** For component interactions: the message the component is on. */
	message?: StandinMessage;
}

export interface CommandInput extends BaseInteractionInput {
	name: string;
	subcommand?: string;
	options?: Record<string, string | number | boolean>;
}

export interface ComponentInput extends Omit<BaseInteractionInput, 'guildId' | 'channelId'> {
	customId: string;
	/** Default: the last message the bot produced. */
	message?: StandinMessage;
}

export interface DiscordStandin {
	readonly apiUrl: string;
	readonly gatewayUrl: string;
	readonly port: number;
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: Json;
	readonly guilds: ReadonlyArray<{ id: string; channelId: string }>;
	readonly requests: RecordedRequest[];
	readonly unknownRequests: RecordedRequest[];
	readonly violations: Violation[];
	readonly allowedMentions: AllowedMentionsRecord[];
	readonly identifies: Json[];
	readonly resumes: number;
	readonly gatewayConnections: string[];
	readonly commandWrites: number;
	readonly commands: { global: Json[]; guild: Record<string, Json[]> };
	readonly interactions: InteractionHandle[];
	readonly messages: Map<string, StandinMessage>;
	readonly lastMessage: StandinMessage | undefined;
	sendInteraction(input: InteractionInput): InteractionHandle;
	sendCommand(input: CommandInput): InteractionHandle;
	sendButton(input: ComponentInput): InteractionHandle;
	sendSelect(input: ComponentInput & { values: string[] }): InteractionHandle;
	waitForGateway(timeoutMs?: number): Promise<void>;
	rateLimitNext(route: RegExp, retryAfterSeconds: number, times?: number): void;
	disconnectAll(code?: number): void;
	advanceClock(ms: number): void;
	close(): Promise<void>;
}

interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

interface ParsedBody {
	body: unknown;
	files: RecordedRequest['files'];
	invalid: boolean;
}

interface RouteContext {
	params: string[];
	body: unknown;
	query: URLSearchParams;
	record: RecordedRequest;
}

interface BodyRules {
	limits: (body: unknown) => FormProblem[];
	messageOf: (body: unknown) => Json | undefined;
}

interface Route {
	method: string;
	pattern: RegExp;
	/** 'bot': Authorization header; 'token': the interaction token in the path; 'none': public. */
	auth: 'bot' | 'token' | 'none';
	rules?: BodyRules;
	handle: (context: RouteContext) => Reply;
}

interface GatewaySession {
	id: string;
	seq: number;
	socket: WebSocket | undefined;
	sent: Json[];
	identify: Json;
}

interface GatewayConnection {
	socket: WebSocket;
	session?: GatewaySession;
}

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH = 1_420_070_400_000n;
const TOKEN_LIFETIME_MS = 15 * 60_000;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const GUILDS_INTENT = 1;
// View channel, send messages, embed links, attach files, read history, external emojis, reactions, app commands.
const BOT_PERMISSIONS = String(
	(1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 18n) | (1n << 6n) | (1n << 31n),
);
const OWNER_ID = '1300000000000000999';
const EVERYONE_ROLE = {
	name: '@everyone',
	color: 0,
	hoist: false,
	icon: null,
	unicode_emoji: null,
	position: 0,
	permissions: BOT_PERMISSIONS,
	managed: false,
	mentionable: false,
	flags: 0,
};
// Everything GUILD_CREATE carries that discord.js reads, with a fresh guild's values.
const GUILD_DEFAULTS = {
	icon: null,
	splash: null,
	discovery_splash: null,
	banner: null,
	description: null,
	rules_channel_id: null,
	public_updates_channel_id: null,
	safety_alerts_channel_id: null,
	vanity_url_code: null,
	application_id: null,
	widget_enabled: false,
	large: false,
	unavailable: false,
	lazy: true,
	member_count: 2,
	afk_channel_id: null,
	afk_timeout: 300,
	verification_level: 0,
	default_message_notifications: 0,
	explicit_content_filter: 0,
	mfa_level: 0,
	nsfw_level: 0,
	nsfw: false,
	premium_tier: 0,
	premium_subscription_count: 0,
	premium_progress_bar_enabled: false,
	system_channel_flags: 0,
	preferred_locale: 'en-US',
	max_members: 500_000,
	max_video_channel_users: 25,
	emojis: [],
	stickers: [],
	features: [],
	threads: [],
	presences: [],
	voice_states: [],
	stage_instances: [],
	guild_scheduled_events: [],
	soundboard_sounds: [],
};
const ALLOWED_CALLBACKS: Record<number, number[]> = {
	1: [1],
	2: [4, 5, 9, 12],
	3: [4, 5, 6, 7, 9, 12],
	4: [8],
	5: [4, 5, 6, 7],
};

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function json(status: number, body: unknown): Reply {
	return { status, body };
}

function discordError(status: number, message: string, code: number): Reply {
	return json(status, { message, code });
}

// Replies are never mutated, so the common errors can be shared.
const UNKNOWN_INTERACTION = discordError(404, 'Unknown interaction', 10062);
const UNKNOWN_WEBHOOK = discordError(404, 'Unknown Webhook', 10015);
const UNKNOWN_MESSAGE = discordError(404, 'Unknown Message', 10008);
const INVALID_WEBHOOK_TOKEN = discordError(401, 'Invalid Webhook Token', 50027);
const MISSING_ACCESS = discordError(403, 'Missing Access', 50001);

function isReply(value: StandinMessage | Reply): value is Reply {
	return 'status' in value;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** `/a/:x/b` → /^\/a\/([^/]+)\/b$/ */
function compilePattern(template: string): RegExp {
	const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/:[a-z]+/gi, '([^/]+)');
	return new RegExp(`^${source}$`);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType = ''): ParsedBody {
	if (raw.length === 0) return { body: undefined, files: [], invalid: false };
	if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
	try {
		return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [], invalid: false };
	} catch {
		return { body: raw.toString('utf8'), files: [], invalid: true };
	}
}

// discord.js sends files as multipart with the JSON in `payload_json`; keep the JSON and the files' names and sizes.
function parseMultipart(raw: Buffer, contentType: string): ParsedBody {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
	const parsed: ParsedBody = { body: undefined, files: [], invalid: false };
	if (!boundary) return { ...parsed, invalid: true };
	const parts = raw.toString('latin1').split(`--${boundary[1] ?? boundary[2] ?? ''}`);
	for (const part of parts) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		const headers = part.slice(0, split);
		const content = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
		const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
		const filename = /filename="([^"]*)"/.exec(headers)?.[1];
		if (filename !== undefined) parsed.files.push({ name, filename, size: content.length });
		else if (name === 'payload_json') parsed.body = JSON.parse(content.toString('utf8')) as unknown;
	}
	return parsed;
}

function hasMessageData(body: unknown): body is { type: number; data: Json } {
	return isObject(body) && (body.type === 4 || body.type === 7) && isObject(body.data);
}

const MESSAGE_RULES: BodyRules = {
	limits: (body) => checkMessageLimits(body),
	messageOf: (body) => (isObject(body) ? body : undefined),
};
const CALLBACK_RULES: BodyRules = {
	limits: (body) => (hasMessageData(body) ? checkMessageLimits(body.data, ['data']) : []),
	messageOf: (body) => (hasMessageData(body) ? body.data : undefined),
};
const COMMAND_RULES: BodyRules = { limits: (body) => checkCommandLimits(body), messageOf: () => undefined };

function inferOptionType(value: string | number | boolean): number {
	if (typeof value === 'boolean') return 5;
	if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
	return 3;
}

class StandinInteraction implements InteractionHandle {
	readonly requests: RecordedRequest[] = [];
	readonly callbacks: CallbackBody[] = [];
	readonly edits: Json[] = [];
	readonly followUps: Json[] = [];
	readonly followUpMessages: StandinMessage[] = [];
	readonly sentAt = performance.now();
	message: StandinMessage | undefined;
	private readonly listeners = new Set<() => void>();

	constructor(
		readonly payload: Json,
		readonly createdAt: number,
		readonly sourceMessage?: StandinMessage,
	) {}

	get id(): string {
		return this.payload.id as string;
	}

	get token(): string {
		return this.payload.token as string;
	}

	get type(): number {
		return this.payload.type as number;
	}

	get user(): Json {
		return ((this.payload.member as Json | undefined)?.user ?? this.payload.user) as Json;
	}

	notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	async waitForCallback(timeoutMs = 5000): Promise<CallbackBody> {
		await this.waitFor((handle) => handle.callbacks.length > 0, timeoutMs);
		return this.callbacks[0] as CallbackBody;
	}

	waitFor(predicate: (handle: InteractionHandle) => boolean, timeoutMs = 5000): Promise<InteractionHandle> {
		return new Promise((resolve, reject) => {
			const finish = (error?: Error): void => {
				clearTimeout(timer);
				this.listeners.delete(check);
				if (error) reject(error);
				else resolve(this);
			};
			const check = (): void => {
				try {
					if (predicate(this)) finish();
				} catch (error) {
					finish(error instanceof Error ? error : new Error('waitFor predicate threw'));
				}
			};
			const timer = setTimeout(() => finish(new Error(this.describeTimeout(timeoutMs))), timeoutMs);
			this.listeners.add(check);
			check();
		});
	}

	private describeTimeout(timeoutMs: number): string {
		const lines = this.requests.map(
			(request) =>
				`  ${request.method} ${request.path} → ${request.status} ${JSON.stringify(request.body)?.slice(0, 300) ?? ''}`,
		);
		return `Interaction ${this.id}: condition not met within ${timeoutMs} ms. Received ${this.requests.length} request(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}`;
	}
}

class DiscordStandinServer implements DiscordStandin {
	readonly requests: RecordedRequest[] = [];
	readonly unknownRequests: RecordedRequest[] = [];
	readonly violations: Violation[] = [];
	readonly allowedMentions: AllowedMentionsRecord[] = [];
	readonly identifies: Json[] = [];
	readonly gatewayConnections: string[] = [];
	readonly commands: { global: Json[]; guild: Record<string, Json[]> } = { global: [], guild: {} };
	readonly interactions: StandinInteraction[] = [];
	readonly messages = new Map<string, StandinMessage>();
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: Json;
	readonly guilds: Array<{ id: string; channelId: string }> = [];
	resumes = 0;
	commandWrites = 0;
	lastMessage: StandinMessage | undefined;
	port = 0;
	private readonly server: Server;
	private readonly wss: WebSocketServer;
	private readonly spec: ReturnType<typeof loadDiscordSpec>;
	private readonly routes: Route[];
	private readonly sessions = new Map<string, GatewaySession>();
	private readonly events = new EventEmitter();
	private readonly rateLimits: Array<{ route: RegExp; retryAfter: number; remaining: number }> = [];
	private readonly heartbeatIntervalMs: number;
	private readonly callbackWindowMs: number;
	private clockOffset = 0;
	private increment = 0;

	constructor(options: DiscordStandinOptions) {
		this.token = options.token ?? 'standin-bot-token';
		this.applicationId = options.applicationId ?? '1300000000000000001';
		this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
		this.callbackWindowMs = options.callbackWindowMs ?? 3000;
		this.spec = loadDiscordSpec(options.specPath ?? DEFAULT_DISCORD_SPEC_PATH);
		this.botUser = this.buildBotUser(options.botUserId ?? this.applicationId, options.botUsername ?? 'promptlist');
		for (const id of options.guildIds ?? ['1300000000000000100']) this.guilds.push({ id, channelId: this.snowflake() });
		this.routes = this.buildRoutes();
		this.server = createServer((request, response) => void this.onRequest(request, response));
		this.wss = new WebSocketServer({ server: this.server });
		this.wss.on('connection', (socket, request) => this.onConnection(socket, request));
		this.events.setMaxListeners(0);
	}

	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.port}`;
	}

	async listen(): Promise<void> {
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.port = (this.server.address() as AddressInfo).port;
	}

	// ---- clock and ids ----

	private now(): number {
		return Date.now() + this.clockOffset;
	}

	advanceClock(ms: number): void {
		this.clockOffset += ms;
	}

	private snowflake(at = this.now()): string {
		this.increment = (this.increment + 1) % 4096;
		return String(((BigInt(Math.floor(at)) - DISCORD_EPOCH) << 22n) | BigInt(this.increment));
	}

	// ---- plain objects ----

	private buildBotUser(id: string, username: string): Json {
		return {
			id,
			username,
			global_name: null,
			discriminator: '0',
			avatar: null,
			bot: true,
			verified: true,
			mfa_enabled: false,
			flags: 0,
			public_flags: 0,
		};
	}

	private buildUser(id: string, username: string): Json {
		return {
			id,
			username,
			global_name: username,
			discriminator: '0',
			avatar: null,
			public_flags: 0,
			flags: 0,
			banner: null,
			accent_color: null,
			avatar_decoration_data: null,
		};
	}

	private buildMember(user: Json, permissions?: string): Json {
		const member = {
			user,
			nick: null,
			avatar: null,
			banner: null,
			roles: [],
			joined_at: new Date(this.now() - 86_400_000).toISOString(),
			premium_since: null,
			deaf: false,
			mute: false,
			pending: false,
			flags: 0,
			communication_disabled_until: null,
		};
		return permissions === undefined ? member : { ...member, permissions };
	}

	private buildChannel(id: string, guildId: string): Json {
		return {
			id,
			type: 0,
			guild_id: guildId,
			name: 'general',
			position: 0,
			permission_overwrites: [],
			nsfw: false,
			parent_id: null,
			topic: null,
			last_message_id: null,
			rate_limit_per_user: 0,
			flags: 0,
		};
	}

	private buildGuild(guild: { id: string; channelId: string }, index: number): Json {
		const everyone = { ...EVERYONE_ROLE, id: guild.id };
		const botMember = this.buildMember(this.botUser);
		return {
			...GUILD_DEFAULTS,
			id: guild.id,
			name: `Stand-in Guild ${index + 1}`,
			owner_id: OWNER_ID,
			system_channel_id: guild.channelId,
			joined_at: botMember.joined_at,
			roles: [everyone],
			channels: [this.buildChannel(guild.channelId, guild.id)],
			members: [botMember],
		};
	}

	private buildApplication(): Json {
		return {
			id: this.applicationId,
			name: this.botUser.username,
			icon: null,
			description: '',
			summary: '',
			type: null,
			hook: true,
			bot_public: true,
			bot_require_code_grant: false,
			verify_key: '0'.repeat(64),
			flags: 0,
			bot: this.botUser,
			owner: this.buildUser(OWNER_ID, 'owner'),
			team: null,
			redirect_uris: [],
			interactions_endpoint_url: null,
			approximate_guild_count: this.guilds.length,
			integration_types_config: { '0': {} },
			tags: [],
		};
	}

	// ---- HTTP ----

	private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
		let reply: Reply;
		try {
			reply = await this.handleRequest(request);
		} catch (error) {
			reply = discordError(500, `Stand-in error: ${error instanceof Error ? error.stack : String(error)}`, 0);
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
		const match = versioned ? this.matchRoute(method, path) : undefined;
		const interaction = match ? this.interactionOf(match.route, match.params) : undefined;
		if (interaction) {
			record.interactionId = interaction.id;
			interaction.requests.push(record);
		}
		const reply = this.dispatchRequest(request, record, parsed, match);
		record.status = reply.status;
		interaction?.notify();
		return reply;
	}

	private dispatchRequest(
		request: IncomingMessage,
		record: RecordedRequest,
		parsed: ParsedBody,
		match?: { route: Route; params: string[] },
	): Reply {
		if (parsed.invalid) return discordError(400, 'The request body contains invalid JSON.', 50109);
		const limited = this.takeRateLimit(record.path);
		if (limited) return limited;
		if (!match) {
			this.unknownRequests.push(record);
			return discordError(404, '404: Not Found', 0);
		}
		if (match.route.auth === 'bot' && request.headers.authorization !== `Bot ${this.token}`) {
			return discordError(401, '401: Unauthorized', 0);
		}
		const context: RouteContext = {
			params: match.params,
			body: parsed.body,
			query: new URLSearchParams(record.query),
			record,
		};
		return this.checkBody(match.route, context) ?? match.route.handle(context);
	}

	private matchRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
		for (const route of this.routes) {
			const found = route.method === method ? route.pattern.exec(path) : null;
			if (found) return { route, params: found.slice(1) };
		}
		return undefined;
	}

	private interactionOf(route: Route, params: string[]): StandinInteraction | undefined {
		if (route.auth !== 'token') return undefined;
		return this.interactions.find((interaction) => interaction.id === params[0] || interaction.token === params[1]);
	}

	/** Spec schema + Discord limits; a failing body is answered like Discord and recorded as a violation. */
	private checkBody(route: Route, context: RouteContext): Reply | undefined {
		const { record, body } = context;
		if (body === undefined) return undefined;
		const message = route.rules?.messageOf(body);
		if (message)
			this.allowedMentions.push({
				method: record.method,
				path: record.path,
				interactionId: record.interactionId,
				allowedMentions: message.allowed_mentions,
			});
		const found = [
			...(validateSpecBody(this.spec, record.method, record.path, body) ?? []),
			...(route.rules?.limits(body) ?? []),
		];
		// The schema and the limit checks overlap (e.g. description length): report each problem once.
		const problems = [...new Map(found.map((problem) => [describeProblem(problem), problem])).values()];
		return problems.length > 0 ? this.reject(record, problems) : undefined;
	}

	private reject(record: RecordedRequest, problems: FormProblem[]): Reply {
		this.violations.push({ method: record.method, path: record.path, problems: problems.map(describeProblem) });
		return json(400, { message: 'Invalid Form Body', code: 50035, errors: buildFormErrors(problems) });
	}

	rateLimitNext(route: RegExp, retryAfterSeconds: number, times = 1): void {
		this.rateLimits.push({ route, retryAfter: retryAfterSeconds, remaining: times });
	}

	private takeRateLimit(path: string): Reply | undefined {
		const limit = this.rateLimits.find((candidate) => candidate.remaining > 0 && candidate.route.test(path));
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

	// ---- routes ----

	private buildRoutes(): Route[] {
		const route = (
			method: string,
			template: string,
			auth: Route['auth'],
			handle: Route['handle'],
			rules?: BodyRules,
		): Route => ({ method, pattern: compilePattern(template), auth, handle, rules });
		const sessionStartLimit = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 };
		return [
			route('GET', '/gateway', 'none', () => json(200, { url: this.gatewayUrl })),
			route('GET', '/gateway/bot', 'bot', () =>
				json(200, { url: this.gatewayUrl, shards: 1, session_start_limit: sessionStartLimit }),
			),
			route('GET', '/users/@me', 'bot', () => json(200, this.botUser)),
			route('GET', '/applications/@me', 'bot', () => json(200, this.buildApplication())),
			route('GET', '/oauth2/applications/@me', 'bot', () => json(200, this.buildApplication())),
			...this.commandRoutes(route, '/applications/:app/commands'),
			...this.commandRoutes(route, '/applications/:app/guilds/:guild/commands'),
			route(
				'POST',
				'/interactions/:id/:token/callback',
				'token',
				(context) => this.onCallback(context),
				CALLBACK_RULES,
			),
			route('POST', '/webhooks/:app/:token', 'token', (context) => this.onFollowUp(context), MESSAGE_RULES),
			route('GET', '/webhooks/:app/:token/messages/:message', 'token', (context) => this.onGetMessage(context)),
			route(
				'PATCH',
				'/webhooks/:app/:token/messages/:message',
				'token',
				(context) => this.onEditMessage(context),
				MESSAGE_RULES,
			),
			route('DELETE', '/webhooks/:app/:token/messages/:message', 'token', (context) => this.onDeleteMessage(context)),
			route('POST', '/channels/:channel/messages', 'bot', (context) => this.onChannelMessage(context), MESSAGE_RULES),
		];
	}

	private commandRoutes(
		route: (method: string, template: string, auth: Route['auth'], handle: Route['handle'], rules?: BodyRules) => Route,
		base: string,
	): Route[] {
		return [
			route('GET', base, 'bot', (context) => this.withCommands(context, (list) => json(200, list))),
			route(
				'PUT',
				base,
				'bot',
				(context) => this.withCommands(context, (list, guildId) => this.overwriteCommands(list, context.body, guildId)),
				COMMAND_RULES,
			),
			route(
				'POST',
				base,
				'bot',
				(context) => this.withCommands(context, (list, guildId) => this.upsertCommand(list, context.body, guildId)),
				COMMAND_RULES,
			),
			route('GET', `${base}/:command`, 'bot', (context) =>
				this.withCommand(context, (list, index) => json(200, list[index])),
			),
			route(
				'PATCH',
				`${base}/:command`,
				'bot',
				(context) => this.withCommand(context, (list, index) => this.patchCommand(list, index, context.body)),
				COMMAND_RULES,
			),
			route('DELETE', `${base}/:command`, 'bot', (context) =>
				this.withCommand(context, (list, index) => this.deleteCommand(list, index)),
			),
		];
	}

	// ---- application commands ----

	private withCommands(context: RouteContext, handle: (list: Json[], guildId?: string) => Reply): Reply {
		const [app, guildId] = context.params;
		const guildScoped = context.record.path.includes('/guilds/');
		if (app !== this.applicationId) return MISSING_ACCESS;
		if (!guildScoped) return handle(this.commands.global);
		if (!guildId || !this.guilds.some((guild) => guild.id === guildId)) return MISSING_ACCESS;
		this.commands.guild[guildId] ??= [];
		return handle(this.commands.guild[guildId], guildId);
	}

	private withCommand(context: RouteContext, handle: (list: Json[], index: number) => Reply): Reply {
		const commandId = context.params[context.params.length - 1];
		return this.withCommands(context, (list) => {
			const index = list.findIndex((command) => command.id === commandId);
			return index < 0 ? discordError(404, 'Unknown application command', 10063) : handle(list, index);
		});
	}

	private normalizeCommand(input: Json, existing: Json | undefined, guildId?: string): Json {
		const base = {
			type: 1,
			description: '',
			name_localizations: null,
			description_localizations: null,
			default_member_permissions: null,
			contexts: null,
			integration_types: [0],
			nsfw: false,
		};
		const permissions = input.default_member_permissions;
		const command: Json = {
			...base,
			...input,
			id: existing?.id ?? this.snowflake(),
			application_id: this.applicationId,
			version: this.snowflake(),
		};
		// Discord answers permission bitfields as strings whatever was sent.
		if (typeof permissions === 'number' || typeof permissions === 'string') {
			command.default_member_permissions = String(permissions);
		}
		return guildId ? { ...command, guild_id: guildId } : command;
	}

	private overwriteCommands(list: Json[], body: unknown, guildId?: string): Reply {
		if (!Array.isArray(body))
			return json(400, {
				message: 'Invalid Form Body',
				code: 50035,
				errors: { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] },
			});
		this.commandWrites += 1;
		const sameCommand = (a: Json, b: Json): boolean => a.name === b.name && (a.type ?? 1) === (b.type ?? 1);
		const next = body.filter(isObject).map((input) =>
			this.normalizeCommand(
				input,
				list.find((old) => sameCommand(old, input)),
				guildId,
			),
		);
		list.splice(0, list.length, ...next);
		return json(200, list);
	}

	private upsertCommand(list: Json[], body: unknown, guildId?: string): Reply {
		if (!isObject(body)) return discordError(400, 'Invalid Form Body', 50035);
		this.commandWrites += 1;
		const index = list.findIndex((old) => old.name === body.name && (old.type ?? 1) === (body.type ?? 1));
		const command = this.normalizeCommand(body, list[index], guildId);
		if (index < 0) list.push(command);
		else list[index] = command;
		return json(index < 0 ? 201 : 200, command);
	}

	private patchCommand(list: Json[], index: number, body: unknown): Reply {
		this.commandWrites += 1;
		const old = list[index] as Json;
		const command = { ...old, ...(isObject(body) ? body : {}), id: old.id, version: this.snowflake() };
		list[index] = command;
		return json(200, command);
	}

	private deleteCommand(list: Json[], index: number): Reply {
		this.commandWrites += 1;
		list.splice(index, 1);
		return { status: 204 };
	}

	private findCommand(name: string, guildId: string): Json | undefined {
		const isChatInput = (command: Json): boolean => command.name === name && (command.type ?? 1) === 1;
		return this.commands.guild[guildId]?.find(isChatInput) ?? this.commands.global.find(isChatInput);
	}

	// ---- interactions: dispatch ----

	sendInteraction(input: InteractionInput): InteractionHandle {
		const createdAt = input.createdAt === undefined ? this.now() : Number(input.createdAt);
		const guildId = input.guildId ?? input.message?.guild_id ?? this.guilds[0]?.id ?? '0';
		const channelId = input.channelId ?? input.message?.channel_id ?? this.channelOf(guildId);
		const user = this.buildUser(input.userId ?? '1300000000000000500', input.username ?? 'tester');
		const payload: Json = {
			id: this.snowflake(createdAt),
			application_id: this.applicationId,
			type: input.type,
			data: input.data,
			guild_id: guildId,
			guild: { id: guildId, locale: 'en-US', features: [] },
			channel_id: channelId,
			channel: { ...this.buildChannel(channelId, guildId), permissions: BOT_PERMISSIONS },
			member: this.buildMember(user, input.permissions ?? '0'),
			token: randomBytes(48).toString('base64url'),
			version: 1,
			app_permissions: BOT_PERMISSIONS,
			locale: input.locale ?? 'en-US',
			guild_locale: 'en-US',
			entitlements: [],
			authorizing_integration_owners: { '0': guildId },
			context: 0,
			attachment_size_limit: 10_485_760,
			...(input.message ? { message: input.message } : {}),
		};
		this.deliver(guildId, 'INTERACTION_CREATE', payload);
		const interaction = new StandinInteraction(payload, createdAt, input.message);
		this.interactions.push(interaction);
		return interaction;
	}

	sendCommand(input: CommandInput): InteractionHandle {
		const guildId = input.guildId ?? this.guilds[0]?.id ?? '0';
		const registered = this.findCommand(input.name, guildId);
		let definitions = registered ? ((registered.options ?? []) as Json[]) : undefined;
		if (input.subcommand !== undefined && definitions) {
			const sub = definitions.find((option) => option.name === input.subcommand && option.type === 1);
			if (!sub) throw new Error(`/${input.name} has no subcommand "${input.subcommand}"`);
			definitions = (sub.options ?? []) as Json[];
		}
		const resolved: Json = {};
		const options = this.buildOptions(input, definitions, resolved);
		const data: Json = {
			id: registered?.id ?? this.snowflake(),
			name: input.name,
			type: 1,
			options: input.subcommand === undefined ? options : [{ name: input.subcommand, type: 1, options }],
		};
		if (registered?.guild_id) data.guild_id = registered.guild_id;
		if (Object.keys(resolved).length > 0) data.resolved = resolved;
		return this.sendInteraction({ ...input, guildId, type: 2, data });
	}

	private buildOptions(input: CommandInput, definitions: Json[] | undefined, resolved: Json): Json[] {
		const given = input.options ?? {};
		for (const required of definitions?.filter((option) => option.required === true) ?? []) {
			if (!(String(required.name) in given))
				throw new Error(`/${input.name}: required option "${String(required.name)}" is missing`);
		}
		return Object.entries(given).map(([name, value]) => {
			const definition = definitions?.find((option) => option.name === name);
			if (definitions && !definition) {
				throw new Error(
					`/${input.name} has no option "${name}" (registered: ${definitions.map((option) => String(option.name)).join(', ')})`,
				);
			}
			const type = (definition?.type as number | undefined) ?? inferOptionType(value);
			if (type === 6) this.resolveUser(resolved, String(value));
			return { name, type, value };
		});
	}

	private resolveUser(resolved: Json, userId: string): void {
		const user = this.buildUser(userId, `user${userId.slice(-4)}`);
		const member = this.buildMember(user, '0');
		delete member.user;
		resolved.users = { ...(resolved.users as Json | undefined), [userId]: user };
		resolved.members = { ...(resolved.members as Json | undefined), [userId]: member };
	}

	sendButton(input: ComponentInput): InteractionHandle {
		return this.sendComponent(input, 2);
	}

	sendSelect(input: ComponentInput & { values: string[] }): InteractionHandle {
		return this.sendComponent(input, undefined, { values: input.values });
	}

	private sendComponent(input: ComponentInput, expectedType?: number, extra: Json = {}): InteractionHandle {
		const message = input.message ? (this.messages.get(input.message.id) ?? input.message) : this.lastMessage;
		if (!message) throw new Error('sendButton/sendSelect: the bot has produced no message yet; pass `message`');
		this.messages.set(message.id, message);
		const found = flattenComponents(message.components).find(({ component }) => component.custom_id === input.customId);
		const ids = flattenComponents(message.components)
			.map(({ component }) => component.custom_id)
			.filter(Boolean);
		if (!found)
			throw new Error(
				`Message ${message.id} has no component with custom_id "${input.customId}" (has: ${ids.join(', ') || 'none'})`,
			);
		const componentType = found.component.type as number;
		if (expectedType !== undefined && componentType !== expectedType)
			throw new Error(`Component "${input.customId}" has type ${componentType}, not ${expectedType}`);
		if (found.component.disabled === true)
			throw new Error(`Component "${input.customId}" is disabled: users cannot click it`);
		const data = { custom_id: input.customId, component_type: componentType, ...extra };
		return this.sendInteraction({
			...input,
			type: 3,
			data,
			message: structuredClone(message),
			guildId: message.guild_id,
			channelId: message.channel_id,
		});
	}

	private channelOf(guildId: string): string {
		return this.guilds.find((guild) => guild.id === guildId)?.channelId ?? this.guilds[0]?.channelId ?? '0';
	}

	// ---- interactions: REST ----

	private handleOf(id: string | undefined, token: string | undefined): StandinInteraction | undefined {
		return this.interactions.find((interaction) => interaction.id === id && interaction.token === token);
	}

	private onCallback(context: RouteContext): Reply {
		const [id, token] = context.params;
		const interaction = this.handleOf(id, token);
		if (!interaction) return UNKNOWN_INTERACTION;
		// Discord drops interactions that were not answered in time (3 s), and tokens after 15 minutes.
		if (this.now() - interaction.createdAt > this.callbackWindowMs) return UNKNOWN_INTERACTION;
		if (interaction.callbacks.length > 0) return discordError(400, 'Interaction has already been acknowledged.', 40060);
		if (!isObject(context.body))
			return this.reject(context.record, [
				{ at: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
			]);
		const body = context.body as unknown as CallbackBody;
		if (!ALLOWED_CALLBACKS[interaction.type]?.includes(body.type)) {
			return this.reject(context.record, [
				{
					at: ['type'],
					code: 'INTERACTION_CALLBACK_TYPE_INVALID',
					message: `Callback type ${body.type} is not valid for interaction type ${interaction.type}`,
				},
			]);
		}
		interaction.callbacks.push(body);
		const message = this.applyCallback(interaction, body, context.record.files);
		if (context.query.get('with_response') !== 'true') return { status: 204 };
		return json(200, this.buildCallbackResponse(interaction, body, message));
	}

	private applyCallback(
		interaction: StandinInteraction,
		body: CallbackBody,
		files: RecordedRequest['files'],
	): StandinMessage | undefined {
		const data = body.data ?? {};
		switch (body.type) {
			case 4:
				interaction.message = this.createMessage(interaction, data, files);
				return interaction.message;
			case 5:
				interaction.message = this.createMessage(
					interaction,
					{ flags: (Number(data.flags ?? 0) & EPHEMERAL) | LOADING },
					[],
				);
				return interaction.message;
			case 6:
			case 7:
				interaction.message = interaction.sourceMessage ? this.messages.get(interaction.sourceMessage.id) : undefined;
				if (interaction.message && body.type === 7) this.applyEdit(interaction.message, data, files);
				return interaction.message;
			default:
				return undefined;
		}
	}

	private buildCallbackResponse(interaction: StandinInteraction, body: CallbackBody, message?: StandinMessage): Json {
		const summary: Json = { id: interaction.id, type: interaction.type };
		if (message) {
			Object.assign(summary, {
				response_message_id: message.id,
				response_message_loading: (message.flags & LOADING) !== 0,
				response_message_ephemeral: (message.flags & EPHEMERAL) !== 0,
			});
		}
		return { interaction: summary, resource: { type: body.type, ...(message ? { message } : {}) } };
	}

	/** Webhook routes authenticate with the interaction token; it expires 15 minutes after the interaction. */
	private webhookInteraction(context: RouteContext): StandinInteraction | Reply {
		const [app, token] = context.params;
		if (app !== this.applicationId) return UNKNOWN_WEBHOOK;
		const interaction = this.interactions.find((candidate) => candidate.token === token);
		if (!interaction || this.now() - interaction.createdAt > TOKEN_LIFETIME_MS) return INVALID_WEBHOOK_TOKEN;
		// Before the first callback there is no webhook to address.
		return interaction.callbacks.length === 0 ? UNKNOWN_WEBHOOK : interaction;
	}

	private targetMessage(interaction: StandinInteraction, messageId: string | undefined): StandinMessage | Reply {
		if (messageId === '@original') return interaction.message ?? UNKNOWN_MESSAGE;
		return (
			[interaction.message, ...interaction.followUpMessages].find((message) => message?.id === messageId) ??
			UNKNOWN_MESSAGE
		);
	}

	private withTarget(
		context: RouteContext,
		handle: (interaction: StandinInteraction, message: StandinMessage) => Reply,
	): Reply {
		const interaction = this.webhookInteraction(context);
		if (!(interaction instanceof StandinInteraction)) return interaction;
		const message = this.targetMessage(interaction, context.params[2]);
		return isReply(message) ? message : handle(interaction, message);
	}

	private onGetMessage(context: RouteContext): Reply {
		return this.withTarget(context, (_interaction, message) => json(200, message));
	}

	private onEditMessage(context: RouteContext): Reply {
		return this.withTarget(context, (interaction, message) => {
			const body = isObject(context.body) ? context.body : {};
			this.applyEdit(message, body, context.record.files);
			interaction.edits.push(body);
			return json(200, message);
		});
	}

	private onDeleteMessage(context: RouteContext): Reply {
		return this.withTarget(context, (interaction, message) => {
			this.messages.delete(message.id);
			if (interaction.message?.id === message.id) interaction.message = undefined;
			const index = interaction.followUpMessages.indexOf(message);
			if (index >= 0) interaction.followUpMessages.splice(index, 1);
			if (this.lastMessage?.id === message.id) this.lastMessage = undefined;
			return { status: 204 };
		});
	}

	private onFollowUp(context: RouteContext): Reply {
		const interaction = this.webhookInteraction(context);
		if (!(interaction instanceof StandinInteraction)) return interaction;
		const body = isObject(context.body) ? context.body : {};
		const message = this.createMessage(interaction, body, context.record.files, 0);
		interaction.followUps.push(body);
		interaction.followUpMessages.push(message);
		return context.query.get('wait') === 'true' ? json(200, message) : { status: 204 };
	}

	private onChannelMessage(context: RouteContext): Reply {
		const guild = this.guilds.find((candidate) => candidate.channelId === context.params[0]);
		if (!guild) return discordError(404, 'Unknown Channel', 10003);
		const body = isObject(context.body) ? context.body : {};
		return json(
			200,
			this.storeMessage({
				...this.baseMessage(guild.channelId, guild.id, 0),
				...this.messageContent(body, context.record.files),
			}),
		);
	}

	// ---- messages ----

	private baseMessage(channelId: string, guildId: string, type: number): StandinMessage {
		const empty = {
			content: '',
			embeds: [],
			components: [],
			flags: 0,
			attachments: [],
			mentions: [],
			mention_roles: [],
			mention_everyone: false,
			pinned: false,
			tts: false,
		};
		return {
			id: this.snowflake(),
			type,
			channel_id: channelId,
			guild_id: guildId,
			author: this.botUser,
			...empty,
			timestamp: new Date(this.now()).toISOString(),
			edited_timestamp: null,
		};
	}

	private messageContent(body: Json, files: RecordedRequest['files']): Partial<StandinMessage> {
		const embeds = Array.isArray(body.embeds)
			? body.embeds.filter(isObject).map((embed) => ({ type: 'rich', ...embed }))
			: [];
		const attachments = files.map((file) => ({
			id: this.snowflake(),
			filename: file.filename,
			size: file.size,
			url: `${this.apiUrl.replace(/\/api$/, '')}/attachments/${file.filename}`,
			proxy_url: '',
		}));
		return {
			content: typeof body.content === 'string' ? body.content : '',
			embeds,
			components: Array.isArray(body.components) ? (body.components as Json[]) : [],
			flags: Number(body.flags ?? 0),
			tts: body.tts === true,
			attachments,
		};
	}

	private createMessage(
		interaction: StandinInteraction,
		body: Json,
		files: RecordedRequest['files'],
		type?: number,
	): StandinMessage {
		const payload = interaction.payload;
		const base = this.baseMessage(
			payload.channel_id as string,
			payload.guild_id as string,
			type ?? (interaction.type === 2 ? 20 : 0),
		);
		const metadata: Json = {
			id: interaction.id,
			type: interaction.type,
			user: interaction.user,
			authorizing_integration_owners: payload.authorizing_integration_owners,
		};
		if (interaction.sourceMessage) metadata.interacted_message_id = interaction.sourceMessage.id;
		return this.storeMessage({
			...base,
			...this.messageContent(body, files),
			webhook_id: this.applicationId,
			application_id: this.applicationId,
			interaction_metadata: metadata,
		});
	}

	private storeMessage(message: StandinMessage): StandinMessage {
		this.messages.set(message.id, message);
		this.lastMessage = message;
		return message;
	}

	/** PATCH semantics: absent fields stay, null clears; ephemeral cannot change; the first edit ends "thinking". */
	private applyEdit(message: StandinMessage, body: Json, files: RecordedRequest['files']): void {
		const next = this.messageContent(body, files);
		if ('content' in body) message.content = next.content ?? '';
		if ('embeds' in body) message.embeds = next.embeds ?? [];
		if ('components' in body) message.components = next.components ?? [];
		if (files.length > 0 || Array.isArray(body.attachments))
			message.attachments = this.keptAttachments(message, body, next.attachments ?? []);
		const wasLoading = (message.flags & LOADING) !== 0;
		const requested = typeof body.flags === 'number' ? body.flags : message.flags;
		message.flags = (message.flags & EPHEMERAL) | (requested & ~(EPHEMERAL | LOADING));
		if (!wasLoading) message.edited_timestamp = new Date(this.now()).toISOString();
		this.lastMessage = message;
	}

	private keptAttachments(message: StandinMessage, body: Json, uploaded: Json[]): Json[] {
		const keepIds = new Set(
			(Array.isArray(body.attachments) ? body.attachments : [])
				.filter(isObject)
				.map((attachment) => String(attachment.id)),
		);
		return [...message.attachments.filter((attachment) => keepIds.has(String(attachment.id))), ...uploaded];
	}

	// ---- gateway ----

	private onConnection(socket: WebSocket, request: IncomingMessage): void {
		this.gatewayConnections.push(request.url ?? '/');
		const connection: GatewayConnection = { socket };
		socket.on('message', (data) => this.onGatewayMessage(connection, data));
		socket.on('close', () => {
			if (connection.session?.socket === socket) connection.session.socket = undefined;
		});
		socket.on('error', () => undefined);
		socket.send(
			JSON.stringify({
				op: 10,
				s: null,
				t: null,
				d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['standin'] },
			}),
		);
	}

	private onGatewayMessage(connection: GatewayConnection, data: RawData): void {
		let payload: Json;
		try {
			const buffer = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
			const text = buffer.toString('utf8');
			payload = JSON.parse(text) as Json;
		} catch {
			connection.socket.close(4002, 'Error while decoding payload.');
			return;
		}
		const d = isObject(payload.d) ? payload.d : {};
		switch (payload.op) {
			case 1:
				connection.socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
				return;
			case 2:
				return this.identify(connection, d);
			case 6:
				return this.resume(connection, d);
			case 3:
			case 4:
			case 8:
				return;
			default:
				connection.socket.close(4001, 'Unknown opcode.');
		}
	}

	private identify(connection: GatewayConnection, d: Json): void {
		if (connection.session) return connection.socket.close(4005, 'Already authenticated.');
		if (d.token !== this.token) return connection.socket.close(4004, 'Authentication failed.');
		this.identifies.push(d);
		const session: GatewaySession = {
			id: randomBytes(16).toString('hex'),
			seq: 0,
			socket: connection.socket,
			sent: [],
			identify: d,
		};
		this.sessions.set(session.id, session);
		connection.session = session;
		const guilds = this.guilds.filter((guild) => this.sessionServes(session, guild.id));
		const ready = {
			v: 10,
			user_settings: {},
			user: this.botUser,
			guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
			session_id: session.id,
			session_type: 'normal',
			resume_gateway_url: this.gatewayUrl,
			private_channels: [],
			relationships: [],
			presences: [],
			guild_join_requests: [],
			geo_ordered_rtc_regions: [],
			auth: {},
			application: { id: this.applicationId, flags: 0 },
			_trace: ['standin'],
		};
		this.dispatch(session, 'READY', Array.isArray(d.shard) ? { ...ready, shard: d.shard } : ready);
		// Guild data comes only with the GUILDS intent; without it discord.js waits for guilds that never come.
		if ((Number(d.intents) & GUILDS_INTENT) !== 0) {
			guilds.forEach((guild) =>
				this.dispatch(session, 'GUILD_CREATE', this.buildGuild(guild, this.guilds.indexOf(guild))),
			);
		}
		this.events.emit('ready');
	}

	private resume(connection: GatewayConnection, d: Json): void {
		this.resumes += 1;
		if (d.token !== this.token) return connection.socket.close(4004, 'Authentication failed.');
		const session = this.sessions.get(String(d.session_id));
		if (!session) {
			connection.socket.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
			return;
		}
		if (session.socket && session.socket !== connection.socket) session.socket.terminate();
		session.socket = connection.socket;
		connection.session = session;
		// Replay what the client missed while disconnected, as Discord does.
		for (const payload of session.sent) {
			if (Number(payload.s) > Number(d.seq ?? 0)) connection.socket.send(JSON.stringify(payload));
		}
		this.dispatch(session, 'RESUMED', { _trace: ['standin'] });
		this.events.emit('ready');
	}

	private sessionServes(session: GatewaySession, guildId: string): boolean {
		const shard = session.identify.shard;
		if (!Array.isArray(shard) || shard.length !== 2) return true;
		const [id, count] = shard as [number, number];
		return (BigInt(guildId) >> 22n) % BigInt(count) === BigInt(id);
	}

	private dispatch(session: GatewaySession, t: string, d: unknown): void {
		session.seq += 1;
		const payload = { op: 0, t, s: session.seq, d };
		session.sent.push(payload);
		if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(payload));
	}

	/** To every connected session serving the guild; if none is connected, to the newest one (replayed on RESUME). */
	private deliver(guildId: string, t: string, d: Json): void {
		const serving = [...this.sessions.values()].filter((session) => this.sessionServes(session, guildId));
		const connected = serving.filter((session) => session.socket?.readyState === WebSocket.OPEN);
		const targets = connected.length > 0 ? connected : serving.slice(-1);
		if (targets.length === 0) throw new Error('No gateway session: log the client in and await its ready event first');
		targets.forEach((session) => this.dispatch(session, t, d));
	}

	async waitForGateway(timeoutMs = 10_000): Promise<void> {
		const connected = (): boolean =>
			[...this.sessions.values()].some((session) => session.socket?.readyState === WebSocket.OPEN);
		if (connected()) return;
		await once(this.events, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch(() => {
			throw new Error(
				`No gateway session became ready within ${timeoutMs} ms (connections: ${this.gatewayConnections.length})`,
			);
		});
	}

	disconnectAll(code = 4000): void {
		for (const session of this.sessions.values()) session.socket = undefined;
		for (const client of this.wss.clients) client.close(code, 'Stand-in disconnect');
	}

	async close(): Promise<void> {
		for (const client of this.wss.clients) client.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/** Starts the stand-in on 127.0.0.1 (random port). Point discord.js at it with `rest: { api: standin.apiUrl }`. */
export async function startDiscordStandin(options: DiscordStandinOptions = {}): Promise<DiscordStandin> {
	const standin = new DiscordStandinServer(options);
	await standin.listen();
	return standin;
}
