import { regenerateButton } from '../components/regenerate.js';
import { saveButton } from '../components/save.js';
import { linkSpotifyCommand } from './link-spotify.js';
import { unlinkSpotifyCommand } from './unlink-spotify.js';
import { playlistCommand } from './playlist.js';
import type { ButtonHandler, Command } from './types.js';

/** The one list of commands: the router and the registration both read it. */
export const COMMANDS: Command[] = [playlistCommand, linkSpotifyCommand, unlinkSpotifyCommand];

export const BUTTONS: ButtonHandler[] = [saveButton, regenerateButton];
