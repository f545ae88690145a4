import type { Json } from './json.js';
import type { InteractionHandle, StandinMessage, StandinModal } from './types.js';

// What tests pass to make a user act: the inputs of sendCommand, sendButton, submitModal and the rest. Re-exported
// by types.ts and ../discord.ts.

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

export interface ModalSubmitInput extends Omit<BaseInteractionInput, 'guildId' | 'channelId'> {
	/** The interaction the bot answered with the modal. Give this or `modal`. */
	interaction?: InteractionHandle;
	/** A modal the bot showed (a handle's `modal`), or its custom_id: the latest modal shown with it. */
	modal?: StandinModal | string;
	/** What the user typed, by text input custom_id; inputs left out keep their pre-filled value (or are empty). */
	values: Record<string, string>;
}

export interface AttachmentInput {
	filename: string;
	/** Default: from the extension (image/png for .png, …). */
	contentType?: string;
	/** The file's bytes, served at the attachment's url; its size is their length. */
	data?: Uint8Array | string;
	width?: number;
	height?: number;
}

/** A user's message, from the parts a test cares about; the rest is filled in as Discord would. */
export interface TargetMessageInput {
	content?: string;
	attachments?: AttachmentInput[];
	embeds?: Json[];
	/** Default: another member of the guild. */
	author?: { id?: string; username?: string; bot?: boolean };
}

export interface MessageCommandInput extends BaseInteractionInput {
	name: string;
	/** The message the command is used on: one the stand-in holds (the bot's), or a user's built from parts. */
	message: StandinMessage | TargetMessageInput;
}

export interface AutocompleteInput extends CommandInput {
	/** The option being typed in; it must be registered with `autocomplete: true`. Its value defaults to ''. */
	focused: string;
}
