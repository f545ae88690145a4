import type { AutocompleteHandler } from '../interactions/interactionTypes.js';
import { buildPlaylistChoices } from '../replies/personalReplies.js';
import { EXTEND_OPTION } from './playlist.js';

// Discord drops an autocomplete answer after 3 s: the user's playlists are offered from what the listing has by then
// (a short per-user cache makes every keystroke after the first fast), and a slow first listing answers nothing.
const ANSWER_WITHIN_MS = 2_000;

/** /playlist extend: the user's own and collaborative playlists whose name matches what they type. */
export const playlistAutocomplete: AutocompleteHandler = {
	commandName: 'playlist',

	async execute(interaction, ctx) {
		const focused = interaction.options.getFocused(true);
		if (focused.name !== EXTEND_OPTION) {
			await interaction.respond([]);
			return;
		}
		const choices = await ctx.personal
			.choosePlaylists(interaction.user.id, focused.value, ANSWER_WITHIN_MS)
			.catch((error: unknown) => {
				ctx.logger.warn({ err: error, userId: interaction.user.id }, 'could not offer playlists to extend');
				return { kind: 'playlists' as const, playlists: [] };
			});
		await interaction.respond(buildPlaylistChoices(choices));
	},
};
