import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../interactions/interactionTypes.js';
import { buildPrivacyMessage } from '../replies/privacyMessage.js';

/** /privacy: what the bot holds about the caller, only to them, with a button that deletes it all. */
export const privacyCommand: Command = {
	data: new SlashCommandBuilder()
		.setName('privacy')
		.setDescription('See what this bot keeps about you, and delete it')
		.toJSON(),

	async execute(interaction, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		await interaction.editReply(buildPrivacyMessage(await ctx.userData.summarize(interaction.user.id)));
	},
};
