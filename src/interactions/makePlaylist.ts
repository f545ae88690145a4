import type { InteractionEditReplyOptions } from 'discord.js';
import { buildPlaylistMessage, buildPreviewMessage, durationNote } from '../replies/playlistMessage.js';
import type { PipelineProgress, PlaylistPreview, PlaylistResult } from '../services/pipeline/playlistTypes.js';
import { plural } from '../replies/plural.js';
import { progressText } from '../replies/progressText.js';
import { CLAIM_TTL_MS, withClaim } from '../services/store/claimOrWait.js';
import { UserError } from '../replies/userError.js';
import { createProgressReporter } from './progressReporter.js';
import type { BotContext } from './interactionTypes.js';
import type { DraftLineage } from '../services/pipeline/drafts.js';
import type { PersonalOptions } from '../services/personal/personalize.js';

export interface PlaylistRequest {
	prompt: string;
	length: number;
	/** Minutes the list should last: wins over `length`. */
	minutes?: number;
	/** The user gave `length` themselves: the reply says so when a duration took its place. */
	lengthGiven?: boolean;
	userId: string;
	/** Regenerate: skip the cache. */
	fresh: boolean;
	/** When the interaction was created (epoch ms): its token, and so any answer, dies 15 minutes later. */
	createdAt: number;
	/** Regenerate: the new list joins the versions of the message it replaces. */
	lineage?: DraftLineage;
	/** From the listener's Spotify data (taste, new to me, extend); absent or null: from the prompt alone. */
	personal?: PersonalOptions | null;
}

// A request still waiting for the LLM this long after its interaction is dropped before it uses LLM time: the
// playlist would take another minute or more, and the interaction's token dies at 15 minutes.
export const LLM_WAIT_LIMIT_MS = 13 * 60 * 1000;

/** "in 12 minutes", "in 1 minute": when a user may try again. */
export function inMinutes(ms: number): string {
	const minutes = Math.max(1, Math.ceil(ms / 60_000));
	return `in ${plural(minutes, 'minute')}`;
}

/** What is left once the playlist is made: showing it. */
export type ShowPlaylist = () => Promise<void>;

/**
 * Runs `work` as the user's only playlist in the making, across every shard and instance (a claim in the store,
 * renewed while it runs, freed within seconds if the process dies), counted toward their hourly rate; then shows
 * the result, once the claim is given back, so the user's next /playlist never finds it still held. Throws a
 * UserError when another of theirs is running or the hour's playlists are used up.
 */
export async function asOnlyPlaylistOf(
	ctx: BotContext,
	userId: string,
	work: () => Promise<ShowPlaylist>,
	options: { counted?: boolean } = {},
): Promise<void> {
	const key = `user-playlist:${userId}`;
	if (!(await ctx.claims.claim(key, CLAIM_TTL_MS))) {
		throw new UserError('You already have a playlist in the making. Wait for it to finish, then try again.');
	}
	const held = { store: ctx.claims, key, ttlMs: CLAIM_TTL_MS, logger: ctx.logger, awaitRelease: true };
	const show = await withClaim(held, async () => {
		const { playlists } = ctx.limits;
		// Removing tracks asks nothing of the LLM: it is not one of the hour's playlists.
		if (options.counted === false) return work();
		const decision = await playlists.take(userId);
		if (!decision.allowed) {
			throw new UserError(
				`You've made ${plural(playlists.limit, 'playlist')} in the last hour; you can make another ${inMinutes(decision.retryInMs)}.`,
			);
		}
		return work();
	});
	await show();
}

/**
 * What the reply shows while the playlist is made: the stage alone, and once the seeds are found the tracks so far
 * with the stage above them. A stage update without tracks keeps the tracks already shown.
 */
function createProgressView(): (update: PipelineProgress) => InteractionEditReplyOptions {
	let preview: PlaylistPreview | undefined;
	return (update) => {
		if (update.preview && update.preview.tracks.length > 0) preview = update.preview;
		const status = progressText(update);
		if (!preview) return { content: status, embeds: [], components: [], allowedMentions: { parse: [] } };
		return buildPreviewMessage(preview, status);
	};
}

/** What makes a list and how its progress looks; the list becomes a draft of `userId`'s. */
export interface Production {
	userId: string;
	lineage?: DraftLineage;
	produce: (onProgress: (update: PipelineProgress) => void) => Promise<PlaylistResult>;
	view: (update: PipelineProgress) => InteractionEditReplyOptions;
	/** A line for the user above the finished list, if any. */
	note?: (result: PlaylistResult) => string | undefined;
}

type Edit = (options: InteractionEditReplyOptions) => Promise<unknown>;

/** Makes the list with its progress shown through `edit` and stores the draft; returns the step that edits it in. */
export async function produceAndShow(ctx: BotContext, production: Production, edit: Edit): Promise<ShowPlaylist> {
	const progress = createProgressReporter(
		edit,
		(error) => ctx.logger.warn({ err: error }, 'progress edit failed'),
		ctx.progressIntervalMs,
	);
	try {
		const result = await production.produce((update) => progress.report(production.view(update)));
		const draft = await ctx.drafts.create(result, production.userId, production.lineage);
		const versions = await ctx.drafts.versions(draft);
		return async () => {
			// No late progress edit may land after the playlist.
			await progress.flush();
			await edit(buildPlaylistMessage(draft, versions, production.note?.(result)));
		};
	} catch (error) {
		await progress.flush();
		throw error;
	}
}

/** Runs the pipeline, showing the tracks as they are found, and stores the draft; returns the step that shows it. */
export function makePlaylist(ctx: BotContext, request: PlaylistRequest, edit: Edit): Promise<ShowPlaylist> {
	return produceAndShow(
		ctx,
		{
			userId: request.userId,
			lineage: request.lineage,
			view: createProgressView(),
			note: (result) => (request.lengthGiven ? durationNote(result) : undefined),
			produce: (onProgress) => {
				const run = {
					length: request.length,
					...(request.minutes === undefined ? {} : { minutes: request.minutes }),
					fresh: request.fresh,
					notAfter: request.createdAt + LLM_WAIT_LIMIT_MS,
					onProgress,
				};
				const { personal } = request;
				return personal
					? ctx.personal.run(request.userId, request.prompt, personal, run)
					: ctx.pipeline.run(request.prompt, run);
			},
		},
		edit,
	);
}
