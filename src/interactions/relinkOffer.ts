import type { User } from 'discord.js';
import { scopesInWords } from '../replies/scopeWords.js';
import { UserError } from '../replies/userError.js';
import { MissingScopeError } from '../services/spotify/scopes.js';
import type { BotContext } from './interactionTypes.js';

// A feature whose scope the user's link lacks offers a relink asking for it, as /link-spotify does: Spotify's consent
// page (with its account chooser) for the scopes the link has plus the new ones. Until they use it, their link keeps
// working for everything else.

/** The error shown instead of `error` when it is a missing scope: the offer, with its link; else `error` itself. */
export async function withRelinkOffer(ctx: BotContext, user: User, error: unknown): Promise<unknown> {
	if (!(error instanceof MissingScopeError)) return error;
	try {
		const { url } = await ctx.linking.beginLink(
			{ id: user.id, name: user.globalName ?? user.username, handle: user.username },
			{ scopes: error.scopes },
		);
		return new UserError(
			`For this, Spotify needs your permission to **${scopesInWords(error.scopes)}**. Open the link below to allow it (it works once, for 10 minutes), then try again. Everything else keeps working as it is.`,
			{ label: 'Allow on Spotify', url },
		);
	} catch (offerError) {
		ctx.logger.warn({ err: offerError }, 'could not make a relink offer');
		return error;
	}
}
