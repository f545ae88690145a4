import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionCallbacks } from './callbacks.js';
import { StandinClock } from './clock.js';
import { CommandStore } from './commands.js';
import type { DiscordContext, StandinGuild } from './context.js';
import { RateLimiter } from './faults.js';
import { Gateway } from './gateway.js';
import { InteractionDispatcher } from './interactions.js';
import type { Json } from './json.js';
import { MessageStore } from './messages.js';
import { buildBotUser } from './objects.js';
import { RequestHandler } from './requests.js';
import { buildRoutes } from './routes.js';
import { DEFAULT_DISCORD_SPEC_PATH, loadDiscordSpec } from './specSchema.js';
import type {
	AllowedMentionsRecord,
	CommandInput,
	ComponentInput,
	DiscordStandin,
	DiscordStandinOptions,
	InteractionHandle,
	InteractionInput,
	RecordedRequest,
	StandinMessage,
	Violation,
} from './types.js';
import { BodyValidator } from './validation.js';
import { InteractionWebhooks } from './webhooks.js';

// Wires the Discord stand-in's parts around one HTTP server (REST + gateway on one port) and one clock, and
// exposes them as the DiscordStandin that tests hold. Holds no protocol logic of its own.

class DiscordStandinServer implements DiscordStandin, DiscordContext {
	readonly clock = new StandinClock();
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: Json;
	readonly guilds: StandinGuild[] = [];
	port = 0;
	private readonly server: Server;
	private readonly gateway: Gateway;
	private readonly validator: BodyValidator;
	private readonly rateLimits = new RateLimiter();
	private readonly commandStore: CommandStore;
	private readonly messageStore: MessageStore;
	private readonly dispatcher: InteractionDispatcher;
	private readonly requestHandler: RequestHandler;

	constructor(options: DiscordStandinOptions) {
		this.token = options.token ?? 'standin-bot-token';
		this.applicationId = options.applicationId ?? '1300000000000000001';
		this.validator = new BodyValidator(loadDiscordSpec(options.specPath ?? DEFAULT_DISCORD_SPEC_PATH));
		this.botUser = buildBotUser(options.botUserId ?? this.applicationId, options.botUsername ?? 'promptlist');
		for (const id of options.guildIds ?? ['1300000000000000100']) {
			this.guilds.push({ id, channelId: this.clock.snowflake() });
		}
		this.commandStore = new CommandStore(this);
		this.messageStore = new MessageStore(this);
		this.server = createServer((request, response) => void this.requestHandler.onRequest(request, response));
		this.gateway = new Gateway(this, this.server, options.heartbeatIntervalMs ?? 41_250);
		const deliver = this.gateway.deliver.bind(this.gateway);
		this.dispatcher = new InteractionDispatcher(this, {
			deliver,
			commands: this.commandStore,
			messages: this.messageStore,
		});
		const shared = { interactions: this.dispatcher.interactions, messages: this.messageStore };
		const routes = buildRoutes({
			standin: this,
			commands: this.commandStore,
			callbacks: new InteractionCallbacks(this, {
				...shared,
				validator: this.validator,
				callbackWindowMs: options.callbackWindowMs ?? 3000,
			}),
			webhooks: new InteractionWebhooks(this, shared),
			messages: this.messageStore,
		});
		const { interactions } = shared;
		this.requestHandler = new RequestHandler(this, {
			routes,
			interactions,
			validator: this.validator,
			rateLimits: this.rateLimits,
		});
	}

	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.port}`;
	}

	// ---- what tests read: each part keeps its own records ----

	get requests(): RecordedRequest[] {
		return this.requestHandler.requests;
	}

	get unknownRequests(): RecordedRequest[] {
		return this.requestHandler.unknownRequests;
	}

	get violations(): Violation[] {
		return this.validator.violations;
	}

	get allowedMentions(): AllowedMentionsRecord[] {
		return this.validator.allowedMentions;
	}

	get identifies(): Json[] {
		return this.gateway.identifies;
	}

	get resumes(): number {
		return this.gateway.resumes;
	}

	get gatewayConnections(): string[] {
		return this.gateway.gatewayConnections;
	}

	get commandWrites(): number {
		return this.commandStore.writes;
	}

	get commands(): { global: Json[]; guild: Record<string, Json[]> } {
		return this.commandStore.commands;
	}

	get interactions(): InteractionHandle[] {
		return this.dispatcher.interactions;
	}

	get messages(): Map<string, StandinMessage> {
		return this.messageStore.messages;
	}

	get lastMessage(): StandinMessage | undefined {
		return this.messageStore.lastMessage;
	}

	// ---- what tests do ----

	async listen(): Promise<void> {
		this.server.listen(0, '127.0.0.1');
		await once(this.server, 'listening');
		this.port = (this.server.address() as AddressInfo).port;
	}

	advanceClock(ms: number): void {
		this.clock.advance(ms);
	}

	sendInteraction(input: InteractionInput): InteractionHandle {
		return this.dispatcher.sendInteraction(input);
	}

	sendCommand(input: CommandInput): InteractionHandle {
		return this.dispatcher.sendCommand(input);
	}

	sendButton(input: ComponentInput): InteractionHandle {
		return this.dispatcher.sendButton(input);
	}

	sendSelect(input: ComponentInput & { values: string[] }): InteractionHandle {
		return this.dispatcher.sendSelect(input);
	}

	waitForGateway(timeoutMs?: number): Promise<void> {
		return this.gateway.waitForGateway(timeoutMs);
	}

	rateLimitNext(route: RegExp, retryAfterSeconds: number, times?: number): void {
		this.rateLimits.add(route, retryAfterSeconds, times);
	}

	disconnectAll(code?: number): void {
		this.gateway.disconnectAll(code);
	}

	async close(): Promise<void> {
		await this.gateway.close();
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
