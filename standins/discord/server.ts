import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { StandinClock } from './clock.js';
import type { DiscordContext, StandinGuild } from './context.js';
import type { Json } from './json.js';
import { buildBotUser } from './objects.js';
import { buildParts, type StandinParts } from './parts.js';
import type {
	AllowedMentionsRecord,
	AutocompleteInput,
	CommandInput,
	ComponentInput,
	DiscordStandin,
	DiscordStandinOptions,
	InteractionHandle,
	InteractionInput,
	MessageCommandInput,
	ModalSubmitInput,
	RecordedRequest,
	StandinMessage,
	Violation,
} from './types.js';

// The DiscordStandin that tests hold: its identity and one clock, and the parts (parts.ts) behind one HTTP server
// (REST + gateway on one port), exposed as the facade. Holds no protocol logic of its own.

class DiscordStandinServer implements DiscordStandin, DiscordContext {
	readonly clock = new StandinClock();
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: Json;
	readonly guilds: StandinGuild[] = [];
	port = 0;
	private readonly parts: StandinParts;

	constructor(options: DiscordStandinOptions) {
		this.token = options.token ?? 'standin-bot-token';
		this.applicationId = options.applicationId ?? '1300000000000000001';
		this.botUser = buildBotUser(options.botUserId ?? this.applicationId, options.botUsername ?? 'promptlist');
		for (const id of options.guildIds ?? ['1300000000000000100']) {
			this.guilds.push({ id, channelId: this.clock.snowflake() });
		}
		this.parts = buildParts(this, options);
	}

	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	get gatewayUrl(): string {
		return `ws://127.0.0.1:${this.port}`;
	}

	// ---- what tests read: each part keeps its own records ----

	get requests(): RecordedRequest[] {
		return this.parts.requestHandler.requests;
	}

	get unknownRequests(): RecordedRequest[] {
		return this.parts.requestHandler.unknownRequests;
	}

	get violations(): Violation[] {
		return this.parts.validator.violations;
	}

	get allowedMentions(): AllowedMentionsRecord[] {
		return this.parts.validator.allowedMentions;
	}

	get identifies(): Json[] {
		return this.parts.gateway.identifies;
	}

	get resumes(): number {
		return this.parts.gateway.resumes;
	}

	get gatewayConnections(): string[] {
		return this.parts.gateway.gatewayConnections;
	}

	get commandWrites(): number {
		return this.parts.commands.writes;
	}

	get commands(): { global: Json[]; guild: Record<string, Json[]> } {
		return this.parts.commands.commands;
	}

	get interactions(): InteractionHandle[] {
		return this.parts.dispatcher.interactions;
	}

	get messages(): Map<string, StandinMessage> {
		return this.parts.messages.messages;
	}

	get lastMessage(): StandinMessage | undefined {
		return this.parts.messages.lastMessage;
	}

	// ---- what tests do ----

	async listen(): Promise<void> {
		this.parts.server.listen(0, '127.0.0.1');
		await once(this.parts.server, 'listening');
		this.port = (this.parts.server.address() as AddressInfo).port;
	}

	advanceClock(ms: number): void {
		this.clock.advance(ms);
	}

	sendInteraction(input: InteractionInput): InteractionHandle {
		return this.parts.dispatcher.sendInteraction(input);
	}

	sendCommand(input: CommandInput): InteractionHandle {
		return this.parts.commandInteractions.sendCommand(input);
	}

	sendButton(input: ComponentInput): InteractionHandle {
		return this.parts.dispatcher.sendButton(input);
	}

	sendSelect(input: ComponentInput & { values: string[] }): InteractionHandle {
		return this.parts.dispatcher.sendSelect(input);
	}

	submitModal(input: ModalSubmitInput): InteractionHandle {
		return this.parts.modalSubmits.submitModal(input);
	}

	sendMessageCommand(input: MessageCommandInput): InteractionHandle {
		return this.parts.commandInteractions.sendMessageCommand(input);
	}

	sendAutocomplete(input: AutocompleteInput): InteractionHandle {
		return this.parts.commandInteractions.sendAutocomplete(input);
	}

	waitForGateway(timeoutMs?: number): Promise<void> {
		return this.parts.gateway.waitForGateway(timeoutMs);
	}

	rateLimitNext(route: RegExp, retryAfterSeconds: number, times?: number): void {
		this.parts.rateLimits.add(route, retryAfterSeconds, times);
	}

	disconnectAll(code?: number): void {
		this.parts.gateway.disconnectAll(code);
	}

	async close(): Promise<void> {
		await this.parts.gateway.close();
		this.parts.server.closeAllConnections();
		await new Promise<void>((resolve) => this.parts.server.close(() => resolve()));
	}
}

/** Starts the stand-in on 127.0.0.1 (random port). Point discord.js at it with `rest: { api: standin.apiUrl }`. */
export async function startDiscordStandin(options: DiscordStandinOptions = {}): Promise<DiscordStandin> {
	const standin = new DiscordStandinServer(options);
	await standin.listen();
	return standin;
}
