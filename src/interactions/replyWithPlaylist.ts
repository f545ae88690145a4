import { MessageFlags, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { PersonalOptions } from '../services/personal/personalize.js';
import { asOnlyPlaylistOf, makePlaylist } from './makePlaylist.js';
import type { BotContext } from './interactionTypes.js';

/**
 * /playlist and Apps → Make a playlist: a public reply that shows progress, then the playlist. Songs for one of the
 * user's playlists are shown only to them: it names their playlist, and only they can add to it.
 */
export async function replyWithPlaylist(
	interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
	ctx: BotContext,
	request: {
		prompt: string;
		length: number;
		minutes?: number;
		lengthGiven?: boolean;
		personal?: PersonalOptions | null;
	},
): Promise<void> {
	await asOnlyPlaylistOf(ctx, interaction.user.id, async () => {
		if (request.personal?.extend) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		else await interaction.deferReply();
		return makePlaylist(
			ctx,
			{ ...request, userId: interaction.user.id, fresh: false, createdAt: interaction.createdTimestamp },
			(options) => interaction.editReply(options),
		);
	});
}
