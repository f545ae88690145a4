import { regenerateButton } from '../components/regenerate.js';
import { playlistCommand } from './playlist.js';
import type { ButtonHandler, Command } from './types.js';

/** The one list of commands: the router and the registration both read it. */
export const COMMANDS: Command[] = [playlistCommand];

export const BUTTONS: ButtonHandler[] = [regenerateButton];
