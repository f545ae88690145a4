import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../interactions/interactionTypes.js';

const REVOKE_HINT =
	'To also revoke the bot’s access on Spotify’s side, remove it under **Manage apps** at https://www.spotify.com/account/apps/.';

export const unlinkSpotifyCommand: Command = {
	data: new SlashCommandBuilder()
		.setName('unlink-spotify')
		.setDescription('Forget your linked Spotify account')
		.toJSON(),

	async execute(interaction, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const removed = await ctx.linking.unlink(interaction.user.id);
		const content = removed
			? `Your Spotify account is unlinked and its tokens are deleted. ${REVOKE_HINT}`
			: `No Spotify account was linked. ${REVOKE_HINT}`;
		await interaction.editReply({ content, allowedMentions: { parse: [] } });
	},
};
