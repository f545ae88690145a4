import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../interactions/interactionTypes.js';
import { plural } from '../replies/plural.js';

const REVOKE_HINT =
	'To also revoke the bot’s access on Spotify’s side, remove it under **Manage apps** at https://www.spotify.com/account/apps/.';

export const unlinkSpotifyCommand: Command = {
	data: new SlashCommandBuilder()
		.setName('unlink-spotify')
		.setDescription('Forget your linked Spotify account')
		.toJSON(),

	async execute(interaction, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { wasLinked, saves, playlists } = await ctx.userData.unlinkSpotify(interaction.user.id);
		const personal =
			playlists === 0
				? ''
				: ` ${plural(playlists, 'playlist')} made from your Spotify data ${playlists === 1 ? 'is' : 'are'} deleted.`;
		const records =
			(saves === 0 ? '' : ` The records of your ${plural(saves, 'saved playlist')} are deleted too.`) + personal;
		const content = wasLinked
			? `Your Spotify account is unlinked and its tokens are deleted.${records} ${REVOKE_HINT}`
			: `No Spotify account was linked.${records} ${REVOKE_HINT}`;
		await interaction.editReply({ content, allowedMentions: { parse: [] } });
	},
};
