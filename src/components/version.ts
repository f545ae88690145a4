import { MessageFlags } from 'discord.js';
import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { buildPlaylistMessage, VERSION_PREFIX } from '../replies/playlistMessage.js';
import { findDraft, isAuthorOf } from './findDraft.js';

/** ◀ / ▶: the message shows another of its versions; Save, Refine and the rest then act on that one. */
export const versionButton: ButtonHandler = {
	prefix: VERSION_PREFIX,

	async execute(interaction, draftId, ctx) {
		const draft = await findDraft(ctx, draftId, interaction.user.id);
		if (!(await isAuthorOf(ctx, draftId, interaction.user.id))) {
			await interaction.reply({
				content:
					'Only the person who asked for this playlist can switch its versions. Press **Refine…** to make your own.',
				flags: MessageFlags.Ephemeral,
			});
			return;
		}
		await interaction.update(buildPlaylistMessage(draft, await ctx.drafts.versions(draft)));
	},
};
