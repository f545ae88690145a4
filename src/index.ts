import { start } from './app.js';
import { loadBotConfig } from './config.js';
import { runEntry } from './runEntry.js';

// The only job here: read the configuration and start the bot; runEntry stops it on SIGTERM/SIGINT.
runEntry(async () => start(loadBotConfig(process.env)));
