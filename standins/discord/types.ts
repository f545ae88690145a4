import type {
	AutocompleteInput,
	CommandInput,
	ComponentInput,
	InteractionInput,
	MessageCommandInput,
	ModalSubmitInput,
} from './inputTypes.js';
import type { Json } from './json.js';

export type {
	AttachmentInput,
	AutocompleteInput,
	CommandInput,
	ComponentInput,
	InteractionInput,
	MessageCommandInput,
	ModalSubmitInput,
	TargetMessageInput,
} from './inputTypes.js';

// The Discord stand-in's public shapes: what tests pass in and what they read back. Re-exported by ../discord.ts.

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

/** A modal as the bot sent it (callback type 9). */
export interface StandinModal {
	custom_id: string;
	title: string;
	components: Json[];
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
	/** The modal the bot answered with (callback type 9). */
	readonly modal: StandinModal | undefined;
	/** The autocomplete choices the bot answered with (callback type 8). */
	readonly choices: Json[] | undefined;
	/** performance.now() when the first callback was accepted. */
	readonly respondedAt: number | undefined;
	/** Milliseconds from dispatch to the accepted callback; Discord allows 3000. */
	readonly responseMs: number | undefined;
	waitForCallback(timeoutMs?: number): Promise<CallbackBody>;
	waitFor(predicate: (handle: InteractionHandle) => boolean, timeoutMs?: number): Promise<InteractionHandle>;
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
	submitModal(input: ModalSubmitInput): InteractionHandle;
	sendMessageCommand(input: MessageCommandInput): InteractionHandle;
	sendAutocomplete(input: AutocompleteInput): InteractionHandle;
	waitForGateway(timeoutMs?: number): Promise<void>;
	rateLimitNext(route: RegExp, retryAfterSeconds: number, times?: number): void;
	disconnectAll(code?: number): void;
	advanceClock(ms: number): void;
	close(): Promise<void>;
}
