import type { StandinClock } from './clock.js';
import type { Json } from './json.js';

// What the parts of the Discord stand-in read from the whole: its identity, its guilds, the one shared clock and
// its addresses. The server implements it and hands itself to each part, so no part needs the others' internals.

export interface StandinGuild {
	id: string;
	channelId: string;
}

export interface DiscordContext {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: Json;
	readonly guilds: StandinGuild[];
	readonly clock: StandinClock;
	/** Known once listening: the port is picked by the OS. */
	readonly apiUrl: string;
	readonly gatewayUrl: string;
}
