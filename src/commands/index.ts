import type { Command } from '../interactions/interactionTypes.js';
import { linkSpotifyCommand } from './link-spotify.js';
import { playlistCommand } from './playlist.js';
import { privacyCommand } from './privacy.js';
import { unlinkSpotifyCommand } from './unlink-spotify.js';

/** The one list of commands: the router and the registration both read it. */
export const COMMANDS: Command[] = [playlistCommand, linkSpotifyCommand, unlinkSpotifyCommand, privacyCommand];
