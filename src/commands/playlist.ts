import { SlashCommandBuilder } from 'discord.js';
import {
	LENGTH_DEFAULT,
	LENGTH_MAX,
	LENGTH_MIN,
	MINUTES_MAX,
	MINUTES_MIN,
	PROMPT_MAX_LENGTH,
	checkPrompt,
} from '../services/pipeline/requestChecks.js';
import { replyWithPlaylist } from '../interactions/replyWithPlaylist.js';
import type { Command } from '../interactions/interactionTypes.js';

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
		.toJSON(),

	async execute(interaction, ctx) {
		const prompt = checkPrompt(interaction.options.getString('prompt', true));
		const length = interaction.options.getInteger('length');
		const minutes = interaction.options.getInteger('minutes') ?? undefined;
		await replyWithPlaylist(interaction, ctx, {
			prompt,
			length: length ?? LENGTH_DEFAULT,
			minutes,
			lengthGiven: length !== null,
		});
	},
};
