import type { AutocompleteHandler, Command, MessageCommand } from '../interactions/interactionTypes.js';
import { linkSpotifyCommand } from './link-spotify.js';
import { makePlaylistMessageCommand } from './makePlaylistFromMessage.js';
import { playlistCommand } from './playlist.js';
import { playlistAutocomplete } from './playlistAutocomplete.js';
import { privacyCommand } from './privacy.js';
import { unlinkSpotifyCommand } from './unlink-spotify.js';

/** The one list of slash commands: the router and the registration both read it. */
export const COMMANDS: Command[] = [playlistCommand, linkSpotifyCommand, unlinkSpotifyCommand, privacyCommand];

/** Autocomplete of command options, by command name. */
export const AUTOCOMPLETES: AutocompleteHandler[] = [playlistAutocomplete];

/** The message context-menu commands (Apps → …), registered in the same bulk update. */
export const MESSAGE_COMMANDS: MessageCommand[] = [makePlaylistMessageCommand];

/** Every command's definition, as Discord gets them in one bulk overwrite. */
export const COMMAND_DEFINITIONS = [
	...COMMANDS.map((command) => command.data),
	...MESSAGE_COMMANDS.map((command) => command.data),
];
