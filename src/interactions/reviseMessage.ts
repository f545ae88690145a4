import type { InteractionEditReplyOptions } from 'discord.js';
import { progressText } from '../replies/progressText.js';
import type { DraftLineage } from '../services/pipeline/drafts.js';
import type { RefineOptions } from '../services/pipeline/playlistPipeline.js';
import type { PlaylistResult } from '../services/pipeline/playlistTypes.js';
import type { BotContext } from './interactionTypes.js';
import { LLM_WAIT_LIMIT_MS, produceAndShow, type ShowPlaylist } from './makePlaylist.js';

/** A new version of a playlist in the making: who asked, when, where it goes, and what makes it. */
export interface Revision {
	userId: string;
	/** When the interaction was created (epoch ms). */
	createdAt: number;
	lineage: DraftLineage;
	revise: (options: RefineOptions) => Promise<PlaylistResult>;
}

type Edit = (options: InteractionEditReplyOptions) => Promise<unknown>;

/**
 * Makes the version, with its stage shown above the list on screen (whose controls go until it is done, so nobody
 * presses them on a list about to change); returns the step that shows the version.
 */
export function makeVersion(ctx: BotContext, revision: Revision, edit: Edit): Promise<ShowPlaylist> {
	return produceAndShow(
		ctx,
		{
			userId: revision.userId,
			lineage: revision.lineage,
			view: (update) => ({ content: `✏️ ${progressText(update)}`, components: [], allowedMentions: { parse: [] } }),
			produce: (onProgress) => revision.revise({ onProgress, notAfter: revision.createdAt + LLM_WAIT_LIMIT_MS }),
		},
		edit,
	);
}
