import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { DraftNotFoundError } from '../services/linking/linkErrors.js';
import { SAVE_PREFIX } from '../replies/playlistMessage.js';
import { UserError } from '../replies/userError.js';

/** Save to Spotify: anyone who sees the playlist saves their own private copy. */
export const saveButton: ButtonHandler = {
	prefix: SAVE_PREFIX,

	async execute(interaction, draftId, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const draft = await ctx.drafts.get(draftId);
		if (!draft) {
			// Regenerate only helps its author, and only while the request behind the draft is kept.
			const request = await ctx.drafts.getRequest(draftId);
			if (request?.authorId === interaction.user.id) throw new DraftNotFoundError(draftId);
			throw new UserError(
				'This playlist is older than 30 days and was cleared. Run /playlist again to make a new one.',
			);
		}
		const saved = await ctx.saver.savePlaylist({ discordUserId: interaction.user.id, draft });
		const open = new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(saved.playlistUrl).setLabel('Open in Spotify');
		await interaction.editReply({
			content: saved.created
				? `Saved as a private playlist with ${draft.tracks.length} tracks.`
				: 'You already saved this playlist; here it is.',
			components: [new ActionRowBuilder<ButtonBuilder>().addComponents(open)],
			allowedMentions: { parse: [] },
		});
	},
};
