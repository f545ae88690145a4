import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	MessageContextMenuCommandInteraction,
	ModalSubmitInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	RESTPostAPIContextMenuApplicationCommandsJSONBody,
	StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from '../log.js';
import type { Store } from '../services/store/createStore.js';
import type { UserRateLimit } from '../services/store/userRateLimit.js';
import type { Drafts } from '../services/pipeline/drafts.js';
import type { Linking } from '../services/linking/linkFlow.js';
import type { PlaylistSaver } from '../services/saving/playlistSaver.js';
import type { Pipeline } from '../services/pipeline/playlistPipeline.js';
import type { UserData } from '../services/privacy/userData.js';
import type { PersonalPlaylists } from '../services/personal/personalPlaylists.js';

/** Everything commands and buttons use, built once in app.ts. */
export interface BotContext {
	logger: Logger;
	pipeline: Pipeline;
	drafts: Drafts;
	linking: Linking;
	saver: PlaylistSaver;
	/** The store's claims: one playlist in the making per user, across every process. */
	claims: Pick<Store, 'claim' | 'extend' | 'release'>;
	/** How many playlists and saves one user may start in an hour (USER_PLAYLISTS_PER_HOUR, USER_SAVES_PER_HOUR). */
	limits: { playlists: UserRateLimit; saves: UserRateLimit };
	/** What the bot holds about a user: /privacy shows it, Delete my data and /unlink-spotify delete it. */
	userData: UserData;
	/** Playlists from the listener's Spotify data: taste, new to me, extend my playlist. */
	personal: PersonalPlaylists;
	/** Minimum time between two progress edits of one reply. */
	progressIntervalMs: number;
}

export interface Command {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command (Apps → name), routed by its name. */
export interface MessageCommand {
	data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Autocomplete of a slash command's options, routed by the command's name; answers within Discord's 3 s. */
export interface AutocompleteHandler {
	commandName: string;
	execute(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A component or modal, routed by the `prefix` of its custom id `prefix:key`. */
export interface ComponentHandler<T> {
	prefix: string;
	execute(interaction: T, key: string, ctx: BotContext): Promise<void>;
}

export type ButtonHandler = ComponentHandler<ButtonInteraction>;
export type SelectHandler = ComponentHandler<StringSelectMenuInteraction>;
export type ModalHandler = ComponentHandler<ModalSubmitInteraction>;

/** Everything the router answers: commands and autocompletes by name, components and modals by custom id prefix. */
export interface Handlers {
	commands: Command[];
	messageCommands: MessageCommand[];
	autocompletes: AutocompleteHandler[];
	buttons: ButtonHandler[];
	selects: SelectHandler[];
	modals: ModalHandler[];
}
