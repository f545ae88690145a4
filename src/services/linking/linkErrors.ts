// Typed failures of Spotify account linking and saving. No Discord wording: commands map them to text.

/** The Discord user has no (readable) Spotify link: they must run the link command first. */
export class NotLinkedError extends Error {
	constructor(readonly discordUserId: string) {
		super('no Spotify account is linked for this user');
		this.name = 'NotLinkedError';
	}
}

/** Spotify refused the stored refresh token (revoked, or older than 6 months); the link was removed. */
export class LinkExpiredError extends Error {
	constructor(
		readonly discordUserId: string,
		options?: ErrorOptions,
	) {
		super('the Spotify link expired or was revoked; it was removed', options);
		this.name = 'LinkExpiredError';
	}
}

/** The playlist draft a button refers to is gone (expired or never stored). */
export class DraftNotFoundError extends Error {
	constructor(readonly draftId: string) {
		super(`playlist draft ${draftId} not found`);
		this.name = 'DraftNotFoundError';
	}
}
