import { MessageFlags } from 'discord.js';
import { asOnlyPlaylistOf, makePlaylist } from '../interactions/makePlaylist.js';
import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { buildPlaylistMessage, DELETED_PLAYLIST, REGENERATE_PREFIX } from '../replies/playlistMessage.js';
import { UserError } from '../replies/userError.js';
import { optionsOf } from '../services/personal/personalPlaylists.js';

/** Regenerate: the same prompt again, skipping the cache, in place of the old list. */
export const regenerateButton: ButtonHandler = {
	prefix: REGENERATE_PREFIX,

	async execute(interaction, draftId, ctx) {
		const request = await ctx.drafts.getRequest(draftId);
		if (!request && (await ctx.drafts.wasDeleted(draftId))) throw new UserError(DELETED_PLAYLIST);
		if (!request) throw new UserError('This playlist is too old to regenerate. Run /playlist again.');
		if (request.authorId !== interaction.user.id) {
			await interaction.reply({
				content: 'Only the person who asked for this playlist can regenerate it. Try /playlist with your own words!',
				flags: MessageFlags.Ephemeral,
			});
			return;
		}
		const previous = await ctx.drafts.get(draftId);
		// The new list is the message's next version, so ◀ still leads back to this one.
		const lineage = previous && { threadId: previous.threadId ?? previous.id, change: 'Regenerated' };
		// A personal playlist is made again from the listener's data, as it was the first time.
		const personal = previous?.personal && optionsOf(previous.personal);
		await asOnlyPlaylistOf(ctx, interaction.user.id, async () => {
			try {
				await interaction.deferUpdate();
				const again = { ...request, fresh: true, createdAt: interaction.createdTimestamp, lineage, personal };
				return await makePlaylist(ctx, { ...again, userId: interaction.user.id }, (options) =>
					interaction.editReply(options),
				);
			} catch (error) {
				// Put the old list back, so a failed regeneration loses nothing; the router explains the error.
				if (previous) {
					const versions = await ctx.drafts.versions(previous);
					await interaction.editReply(buildPlaylistMessage(previous, versions)).catch(() => undefined);
				}
				throw error;
			}
		});
	},
};
