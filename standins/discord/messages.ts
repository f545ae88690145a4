import type { DiscordContext } from './context.js';
import type { StandinInteraction } from './interactionHandle.js';
import { isObject, type Json } from './json.js';
import type { RecordedRequest, StandinMessage } from './types.js';

// Every message the bot produced, as Discord would store it: built from request bodies (embeds, components,
// uploaded files), edited with PATCH semantics, and remembered so tests can click the buttons on them.

export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;

export class MessageStore {
	readonly messages = new Map<string, StandinMessage>();
	lastMessage: StandinMessage | undefined;

	constructor(private readonly standin: DiscordContext) {}

	baseMessage(channelId: string, guildId: string, type: number): StandinMessage {
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
			id: this.standin.clock.snowflake(),
			type,
			channel_id: channelId,
			guild_id: guildId,
			author: this.standin.botUser,
			...empty,
			timestamp: new Date(this.standin.clock.now()).toISOString(),
			edited_timestamp: null,
		};
	}

	messageContent(body: Json, files: RecordedRequest['files']): Partial<StandinMessage> {
		const embeds = Array.isArray(body.embeds)
			? body.embeds.filter(isObject).map((embed) => ({ type: 'rich', ...embed }))
			: [];
		const attachments = files.map((file) => ({
			id: this.standin.clock.snowflake(),
			filename: file.filename,
			size: file.size,
			url: `${this.standin.apiUrl.replace(/\/api$/, '')}/attachments/${file.filename}`,
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

	createMessage(
		interaction: StandinInteraction,
		body: Json,
		files: RecordedRequest['files'],
		type?: number,
	): StandinMessage {
		const payload = interaction.payload;
		const base = this.baseMessage(
			payload.channel_id as string,
			payload.guild_id as string,
			type ?? responseType(interaction),
		);
		return this.storeMessage({
			...base,
			...this.messageContent(body, files),
			webhook_id: this.standin.applicationId,
			application_id: this.standin.applicationId,
			interaction_metadata: interactionMetadata(interaction),
		});
	}

	storeMessage(message: StandinMessage): StandinMessage {
		this.messages.set(message.id, message);
		this.lastMessage = message;
		return message;
	}

	/** PATCH semantics: absent fields stay, null clears; ephemeral cannot change; the first edit ends "thinking". */
	applyEdit(message: StandinMessage, body: Json, files: RecordedRequest['files']): void {
		const next = this.messageContent(body, files);
		if ('content' in body) message.content = next.content ?? '';
		if ('embeds' in body) message.embeds = next.embeds ?? [];
		if ('components' in body) message.components = next.components ?? [];
		if (files.length > 0 || Array.isArray(body.attachments))
			message.attachments = this.keptAttachments(message, body, next.attachments ?? []);
		const wasLoading = (message.flags & LOADING) !== 0;
		const requested = typeof body.flags === 'number' ? body.flags : message.flags;
		message.flags = (message.flags & EPHEMERAL) | (requested & ~(EPHEMERAL | LOADING));
		if (!wasLoading) message.edited_timestamp = new Date(this.standin.clock.now()).toISOString();
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
}

function commandType(interaction: StandinInteraction): unknown {
	return (interaction.payload.data as Json | undefined)?.type;
}

// A command's response is CHAT_INPUT_COMMAND (20) or, for user and message commands, CONTEXT_MENU_COMMAND (23).
function responseType(interaction: StandinInteraction): number {
	if (interaction.type !== 2) return 0;
	return commandType(interaction) === 1 ? 20 : 23;
}

/** The message's `interaction_metadata`: a component's names the clicked message, a modal submit its trigger. */
function interactionMetadata(interaction: StandinInteraction): Json {
	const metadata: Json = {
		id: interaction.id,
		type: interaction.type,
		user: interaction.user,
		authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
	};
	if (interaction.type === 3 && interaction.sourceMessage)
		metadata.interacted_message_id = interaction.sourceMessage.id;
	if (interaction.type === 2 && commandType(interaction) === 3)
		metadata.target_message_id = (interaction.payload.data as Json).target_id;
	if (interaction.type === 5 && interaction.trigger)
		metadata.triggering_interaction_metadata = interactionMetadata(interaction.trigger);
	return metadata;
}
