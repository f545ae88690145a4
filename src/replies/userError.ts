/** A link button shown with an error: where the user can fix it (Spotify's consent page, for a relink). */
export interface ErrorLink {
	label: string;
	url: string;
}

/** An error whose message is written for the user and safe to show as it is. */
export class UserError extends Error {
	constructor(
		message: string,
		readonly link?: ErrorLink,
	) {
		super(message);
		this.name = 'UserError';
	}
}
