import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
import { promptFromMessage } from '../interactions/promptFromMessage.js';
import { replyWithPlaylist } from '../interactions/replyWithPlaylist.js';
import type { MessageCommand } from '../interactions/interactionTypes.js';
import { checkPrompt, LENGTH_DEFAULT } from '../services/pipeline/requestChecks.js';

export const NO_WORDS_IN_MESSAGE =
	'That message has no words to make a playlist from (only images, links, mentions or emoji). Use /playlist and describe the music instead.';

/** Apps → Make a playlist: the words of any message become the prompt. */
export const makePlaylistMessageCommand: MessageCommand = {
	data: new ContextMenuCommandBuilder().setName('Make a playlist').setType(ApplicationCommandType.Message).toJSON(),

	async execute(interaction, ctx) {
		const text = promptFromMessage(interaction.targetMessage.content);
		if (!text) {
			await interaction.reply({ content: NO_WORDS_IN_MESSAGE, flags: MessageFlags.Ephemeral });
			return;
		}
		await replyWithPlaylist(interaction, ctx, { prompt: checkPrompt(text), length: LENGTH_DEFAULT });
	},
};
