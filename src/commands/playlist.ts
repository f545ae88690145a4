import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import {
	LENGTH_DEFAULT,
	LENGTH_MAX,
	LENGTH_MIN,
	MINUTES_MAX,
	MINUTES_MIN,
	PROMPT_MAX_LENGTH,
	checkPrompt,
} from '../services/pipeline/requestChecks.js';
import type { PersonalOptions } from '../services/personal/personalize.js';
import { replyWithPlaylist } from '../interactions/replyWithPlaylist.js';
import type { Command } from '../interactions/interactionTypes.js';

export const TASTE_OPTION = 'taste';
export const NEW_TO_ME_OPTION = 'new-to-me';
export const EXTEND_OPTION = 'extend';

/** The personal options given, or null when the playlist is from the prompt alone. */
function readPersonalOptions(interaction: ChatInputCommandInteraction): PersonalOptions | null {
	const options = {
		taste: interaction.options.getBoolean(TASTE_OPTION) ?? false,
		newToMe: interaction.options.getBoolean(NEW_TO_ME_OPTION) ?? false,
		extend: interaction.options.getString(EXTEND_OPTION)?.trim() || null,
	};
	return options.taste || options.newToMe || options.extend ? options : null;
}

export const playlistCommand: Command = {
	data: new SlashCommandBuilder()
		.setName('playlist')
		.setDescription(
			'Make a Spotify playlist from a sentence; then refine it, remove tracks or save it with its buttons',
		)
		.addStringOption((option) =>
			option
				.setName('prompt')
				.setDescription('What should it sound like? e.g. "upbeat k-pop for running"')
				.setRequired(true)
				.setMaxLength(PROMPT_MAX_LENGTH),
		)
		.addIntegerOption((option) =>
			option
				.setName('length')
				.setDescription(`How many tracks (default ${LENGTH_DEFAULT})`)
				.setMinValue(LENGTH_MIN)
				.setMaxValue(LENGTH_MAX),
		)
		.addIntegerOption((option) =>
			option
				.setName('minutes')
				.setDescription('How long it should last, in minutes (instead of a track count)')
				.setMinValue(MINUTES_MIN)
				.setMaxValue(MINUTES_MAX),
		)
		.addBooleanOption((option) =>
			option.setName(TASTE_OPTION).setDescription('Start from your top artists on Spotify (needs /link-spotify)'),
		)
		.addBooleanOption((option) =>
			option.setName(NEW_TO_ME_OPTION).setDescription('Leave out songs already in your Spotify library'),
		)
		.addStringOption((option) =>
			option
				.setName(EXTEND_OPTION)
				.setDescription('One of your playlists to add new songs to; the prompt says what to add')
				.setAutocomplete(true),
		)
		.toJSON(),

	async execute(interaction, ctx) {
		const prompt = checkPrompt(interaction.options.getString('prompt', true));
		const length = interaction.options.getInteger('length');
		const minutes = interaction.options.getInteger('minutes') ?? undefined;
		const personal = readPersonalOptions(interaction);
		// Checked before anything is shown: the link hint or the relink offer answers only the user.
		if (personal) await ctx.personal.requireAccess(interaction.user.id, personal);
		await replyWithPlaylist(interaction, ctx, {
			prompt,
			length: length ?? LENGTH_DEFAULT,
			minutes,
			lengthGiven: length !== null,
			personal,
		});
	},
};
