import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { escapeText } from '../replies/escapeText.js';
import type { Command } from '../interactions/interactionTypes.js';

export const linkSpotifyCommand: Command = {
	data: new SlashCommandBuilder()
		.setName('link-spotify')
		.setDescription('Link your Spotify account so you can save playlists to it')
		.toJSON(),

	async execute(interaction, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { user } = interaction;
		const { url, existing } = await ctx.linking.beginLink({
			id: user.id,
			name: user.globalName ?? user.username,
			handle: user.username,
		});
		const content = existing
			? `You are linked as **${escapeText(existing.displayName)}** on Spotify. To link another account, open the link below (it works once, for 10 minutes).`
			: 'Open the link below to connect your Spotify account (it works once, for 10 minutes) and confirm it on the page that follows. Then press **Save to Spotify** under any playlist.';
		const button = new ButtonBuilder()
			.setStyle(ButtonStyle.Link)
			.setURL(url)
			.setLabel(existing ? 'Link another Spotify account' : 'Link Spotify');
		await interaction.editReply({
			content,
			components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
			allowedMentions: { parse: [] },
		});
	},
};
