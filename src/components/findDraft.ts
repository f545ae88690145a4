import type { BotContext } from '../interactions/interactionTypes.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import { DraftNotFoundError } from '../services/linking/linkErrors.js';
import { DELETED_PLAYLIST } from '../replies/playlistMessage.js';
import { UserError } from '../replies/userError.js';

/** The draft a control of a playlist message is for; when it is gone, an error that says why and what to do. */
export async function findDraft(ctx: BotContext, draftId: string, userId: string): Promise<PlaylistDraft> {
	const draft = await ctx.drafts.get(draftId);
	if (draft) return draft;
	if (await ctx.drafts.wasDeleted(draftId)) throw new UserError(DELETED_PLAYLIST);
	// Regenerate only helps its author, and only while the request behind the draft is kept.
	const request = await ctx.drafts.getRequest(draftId);
	if (request?.authorId === userId) throw new DraftNotFoundError(draftId);
	throw new UserError(
		`This playlist is older than ${ctx.drafts.ttlDays} days and has expired. Run /playlist again to make a new one.`,
	);
}

/** Whether `userId` asked for the playlist of `draftId` (false once its request has expired). */
export async function isAuthorOf(ctx: BotContext, draftId: string, userId: string): Promise<boolean> {
	return (await ctx.drafts.getRequest(draftId))?.authorId === userId;
}
