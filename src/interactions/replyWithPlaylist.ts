import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import { asOnlyPlaylistOf, makePlaylist } from './makePlaylist.js';
import type { BotContext } from './interactionTypes.js';

/** /playlist and Apps → Make a playlist: a public reply that shows progress, then the playlist. */
export async function replyWithPlaylist(
	interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
	ctx: BotContext,
	request: { prompt: string; length: number; minutes?: number; lengthGiven?: boolean },
): Promise<void> {
	await asOnlyPlaylistOf(ctx, interaction.user.id, async () => {
		await interaction.deferReply();
		return makePlaylist(
			ctx,
			{ ...request, userId: interaction.user.id, fresh: false, createdAt: interaction.createdTimestamp },
			(options) => interaction.editReply(options),
		);
	});
}
