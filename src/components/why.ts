import { MessageFlags } from 'discord.js';
import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { WHY_PREFIX } from '../replies/playlistMessage.js';
import { buildWhyMessages } from '../replies/whyMessage.js';
import { findDraft } from './findDraft.js';

/** Why these?: each track of the version on screen with why it is there, for whoever asks, only to them. */
export const whyButton: ButtonHandler = {
	prefix: WHY_PREFIX,

	async execute(interaction, draftId, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const draft = await findDraft(ctx, draftId, interaction.user.id);
		const [first, ...rest] = buildWhyMessages(draft);
		if (!first) throw new Error(`draft ${draftId} has no tracks`);
		await interaction.editReply(first);
		for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
	},
};
