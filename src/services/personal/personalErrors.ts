import { NotLinkedError } from '../linking/linkErrors.js';

// Typed failures of the personal features. No Discord wording: errorKinds.ts maps them to text.

/** A personal feature was asked for by a user with no Spotify link. */
export class PersonalNotLinkedError extends NotLinkedError {
	constructor(discordUserId: string) {
		super(discordUserId);
		this.name = 'PersonalNotLinkedError';
	}
}

/** The playlist to extend is one the user follows but neither owns nor collaborates on. */
export class NotOwnPlaylistError extends Error {
	constructor() {
		super('the playlist to extend is not the user’s own');
		this.name = 'NotOwnPlaylistError';
	}
}

/** The playlist to extend is not among the user's playlists (a name typed without picking one, or a removed one). */
export class PlaylistNotFoundError extends Error {
	constructor() {
		super('no playlist of the user matches what was given');
		this.name = 'PlaylistNotFoundError';
	}
}
