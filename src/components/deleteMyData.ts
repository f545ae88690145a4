import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { plural } from '../replies/plural.js';
import { PRIVACY_PREFIX } from '../replies/privacyMessage.js';

/** Delete my data, under /privacy's ephemeral answer (which is the confirmation step): deletes it all at once. */
export const deleteMyDataButton: ButtonHandler = {
	prefix: PRIVACY_PREFIX,

	async execute(interaction, _key, ctx) {
		await interaction.deferUpdate();
		const deleted = await ctx.userData.deleteAll(interaction.user.id);
		const parts = [
			deleted.wasLinked ? 'your Spotify link' : undefined,
			plural(deleted.playlists, 'playlist'),
			plural(deleted.saves, 'save record'),
		].filter(Boolean);
		await interaction.editReply({
			content: `Deleted: ${parts.join(', ')}. The bot keeps nothing else about you. Playlists saved in your Spotify account stay there.`,
			components: [],
			allowedMentions: { parse: [] },
		});
	},
};
