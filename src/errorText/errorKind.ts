// One kind of failure and what each audience is told about it. Surfaces add only the framing: where the line
// goes, what surrounds it, and how typed text is quoted and made safe.

/** A browser page's wording: trusted HTML, with any dynamic text passed through the framing. */
export interface PageText {
	status: number;
	title: string;
	paragraphs: string[];
	hint: string;
}

/** What each audience reads. A kind says only what its audiences need; the rest get a surface's generic line. */
export interface Texts {
	/** A Discord user, in an ephemeral reply (Markdown): what happened and what they can do. */
	user: string;
	/** The bot owner at the terminal command: which setting or service to check. */
	owner: string;
	/** The bot owner reading the single line a failed start-up leaves. */
	startup: string;
	/** Whoever finishes linking in the browser. */
	page: PageText;
}

export type Audience = keyof Texts;

/** How a surface shows text it did not write. */
export interface Framing {
	/** Text someone typed (a prompt), quoted and made safe for this surface. */
	quote(text: string): string;
	/** A code or identifier (an OAuth error code), marked up and made safe for this surface. */
	code(text: string): string;
}

/** Text shown as it is: a terminal, or the line a failed start-up leaves. */
export const PLAIN_FRAMING: Framing = { quote: (text) => `"${text}"`, code: (text) => `\`${text}\`` };

export type Wordings<E> = { [A in Audience]?: (error: E, framing: Framing) => Texts[A] };

export interface ErrorKind {
	name: string;
	/** True when `error` is of this kind and the kind has something to tell `audience`. */
	handles(error: unknown, audience: Audience): boolean;
	/** This kind's text for `audience`, or undefined when it does not handle `error` for that audience. */
	describe<A extends Audience>(error: unknown, audience: A, framing: Framing): Texts[A] | undefined;
}

export function errorKind<E>(name: string, matches: (error: unknown) => error is E, wordings: Wordings<E>): ErrorKind {
	return {
		name,
		handles: (error, audience) => wordings[audience] !== undefined && matches(error),
		describe: (error, audience, framing) => {
			const wording = wordings[audience];
			return wording && matches(error) ? wording(error, framing) : undefined;
		},
	};
}

/** A matcher for `errorKind`: instances of `type`, subclasses included. */
export function instanceOf<E>(type: abstract new (...args: never[]) => E): (error: unknown) => error is E {
	return (error): error is E => error instanceof type;
}
