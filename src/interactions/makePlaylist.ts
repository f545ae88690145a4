import type { InteractionEditReplyOptions } from 'discord.js';
import { buildPlaylistMessage } from '../replies/playlistMessage.js';
import { progressText } from '../replies/progressText.js';
import { UserError } from '../replies/userError.js';
import { createProgressReporter } from './progressReporter.js';
import type { BotContext } from './interactionTypes.js';

export interface PlaylistRequest {
	prompt: string;
	length: number;
	userId: string;
	/** Regenerate: skip the cache. */
	fresh: boolean;
}

/** Claims the user's single slot; throws a UserError when a playlist of theirs is still running. */
export function claimUser(ctx: BotContext, userId: string): () => void {
	if (ctx.activeUsers.has(userId)) {
		throw new UserError('You already have a playlist in the making. Wait for it to finish, then try again.');
	}
	ctx.activeUsers.add(userId);
	return () => ctx.activeUsers.delete(userId);
}

/** Runs the pipeline with progress shown through `edit`, stores the draft, and edits in the result. */
export async function makePlaylist(
	ctx: BotContext,
	request: PlaylistRequest,
	edit: (options: InteractionEditReplyOptions) => Promise<unknown>,
): Promise<void> {
	const progress = createProgressReporter(
		(content) => edit({ content, embeds: [], components: [], allowedMentions: { parse: [] } }),
		(error) => ctx.logger.warn({ err: error }, 'progress edit failed'),
		ctx.progressIntervalMs,
	);
	try {
		const result = await ctx.pipeline.run(request.prompt, {
			length: request.length,
			fresh: request.fresh,
			onProgress: (stage) => progress.report(progressText(stage)),
		});
		const draft = await ctx.drafts.create(result, request.userId);
		await progress.flush();
		await edit(buildPlaylistMessage(draft));
	} finally {
		await progress.flush();
	}
}
