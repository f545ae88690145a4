import { extname } from 'node:path';
import type { DiscordContext } from './context.js';
import type { Reply } from './http.js';
import { isObject, type Json } from './json.js';
import type { MessageStore } from './messages.js';
import { buildUser } from './objects.js';
import type { AttachmentInput, StandinMessage, TargetMessageInput } from './types.js';

// Messages users posted, for message commands to target: built as Discord sends them (full author, attachments
// with content type and size), kept among the channel's messages, and their files served like Discord's CDN.

const DEFAULT_POSTER = { id: '1300000000000000600', username: 'poster' };
const CONTENT_TYPES: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.txt': 'text/plain; charset=utf-8',
	'.mp3': 'audio/mpeg',
};

interface StoredFile {
	data: Buffer;
	contentType: string;
}

export function isStandinMessage(input: StandinMessage | TargetMessageInput): input is StandinMessage {
	return 'id' in input && 'channel_id' in input;
}

export class TargetMessages {
	private readonly files = new Map<string, StoredFile>();

	constructor(
		private readonly standin: DiscordContext,
		private readonly messages: MessageStore,
	) {}

	/** The message as it stands now: a held one (current state), or a new user message in the channel. */
	resolve(input: StandinMessage | TargetMessageInput, guildId: string, channelId?: string): StandinMessage {
		if (isStandinMessage(input)) return structuredClone(this.messages.messages.get(input.id) ?? input);
		const channel = channelId ?? this.standin.guilds.find((guild) => guild.id === guildId)?.channelId ?? '0';
		const base = this.messages.baseMessage(channel, guildId, 0);
		const author = { ...DEFAULT_POSTER, ...input.author };
		const message: StandinMessage = {
			...base,
			author: { ...buildUser(author.id, author.username), ...(author.bot ? { bot: true } : {}) },
			content: input.content ?? '',
			embeds: (input.embeds ?? []).filter(isObject).map((embed) => ({ type: 'rich', ...embed })),
			attachments: (input.attachments ?? []).map((attachment) => this.attachment(attachment, channel)),
		};
		// Among the channel's messages, but not `lastMessage`: that stays the bot's.
		this.messages.messages.set(message.id, message);
		return structuredClone(message);
	}

	/** GET of an attachment's url: its bytes, as the CDN would serve them. */
	serve(method: string, path: string): Reply | undefined {
		const file = method === 'GET' ? this.files.get(path) : undefined;
		if (!file) return undefined;
		return { status: 200, raw: file.data, headers: { 'content-type': file.contentType } };
	}

	private attachment(input: AttachmentInput, channelId: string): Json {
		const id = this.standin.clock.snowflake();
		const contentType =
			input.contentType ?? CONTENT_TYPES[extname(input.filename).toLowerCase()] ?? 'application/octet-stream';
		const data = Buffer.from(input.data ?? '');
		const path = `/attachments/${channelId}/${id}/${encodeURIComponent(input.filename)}`;
		this.files.set(path, { data, contentType });
		const url = `${this.standin.apiUrl.replace(/\/api$/, '')}${path}`;
		// Discord gives images their dimensions.
		const image = contentType.startsWith('image/') ? { width: input.width ?? 512, height: input.height ?? 512 } : {};
		return {
			id,
			filename: input.filename,
			size: data.length,
			url,
			proxy_url: url,
			content_type: contentType,
			...image,
		};
	}
}
