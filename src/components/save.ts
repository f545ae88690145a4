import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import type { BotContext, ButtonHandler } from '../interactions/interactionTypes.js';
import { inMinutes } from '../interactions/makePlaylist.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import type { SavedPlaylist } from '../services/saving/playlistSaver.js';
import { SAVE_PREFIX } from '../replies/playlistMessage.js';
import { findDraft } from './findDraft.js';
import { plural } from '../replies/plural.js';
import { UserError } from '../replies/userError.js';

/** Saves within the user's hourly saves; a save that made nothing new (already saved, failed) is not counted. */
async function saveCounted(ctx: BotContext, userId: string, draft: PlaylistDraft): Promise<SavedPlaylist> {
	const { saves } = ctx.limits;
	const decision = await saves.take(userId);
	if (!decision.allowed) {
		throw new UserError(
			`You've saved ${plural(saves.limit, 'playlist')} in the last hour; you can save another ${inMinutes(decision.retryInMs)}.`,
		);
	}
	const saved = await ctx.saver.savePlaylist({ discordUserId: userId, draft }).catch(async (error: unknown) => {
		await saves.giveBack(userId, decision.at);
		throw error;
	});
	if (!saved.created) await saves.giveBack(userId, decision.at);
	return saved;
}

/** Save to Spotify: anyone who sees the playlist saves their own private copy of the version on screen. */
export const saveButton: ButtonHandler = {
	prefix: SAVE_PREFIX,

	async execute(interaction, draftId, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const draft = await findDraft(ctx, draftId, interaction.user.id);
		const saved = await saveCounted(ctx, interaction.user.id, draft);
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
