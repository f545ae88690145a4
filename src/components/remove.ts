import { MessageFlags } from 'discord.js';
import { asOnlyPlaylistOf } from '../interactions/makePlaylist.js';
import { makeVersion } from '../interactions/reviseMessage.js';
import type { SelectHandler } from '../interactions/interactionTypes.js';
import { buildPlaylistMessage, REMOVE_PREFIX } from '../replies/playlistMessage.js';
import { plural } from '../replies/plural.js';
import { findDraft, isAuthorOf } from './findDraft.js';

/** Remove tracks: the chosen tracks of the version on screen go, refilled to the same length, as a new version. */
export const removeSelect: SelectHandler = {
	prefix: REMOVE_PREFIX,

	async execute(interaction, draftId, ctx) {
		const userId = interaction.user.id;
		const base = await findDraft(ctx, draftId, userId);
		if (!(await isAuthorOf(ctx, draftId, userId))) {
			await interaction.reply({
				content: 'Only the person who asked for this playlist can remove tracks. Press **Refine…** to make your own.',
				flags: MessageFlags.Ephemeral,
			});
			return;
		}
		const chosen = new Set(interaction.values);
		const removed = base.tracks.filter((track) => chosen.has(track.id));
		const change = `Removed ${plural(removed.length, 'track')}: ${removed.map((track) => track.name).join(', ')}`;
		const revision = {
			userId,
			createdAt: interaction.createdTimestamp,
			lineage: { threadId: base.threadId ?? base.id, change },
			revise: async () => {
				const allowed = await ctx.personal.revisionFilter(userId, base.personal);
				return ctx.pipeline.removeTracks(base, [...chosen], { allowed });
			},
		};
		const show = async () => {
			await interaction.deferUpdate();
			try {
				return await makeVersion(ctx, revision, (options) => interaction.editReply(options));
			} catch (error) {
				await interaction.editReply(buildPlaylistMessage(base, await ctx.drafts.versions(base))).catch(() => undefined);
				throw error;
			}
		};
		await asOnlyPlaylistOf(ctx, userId, show, { counted: false });
	},
};
