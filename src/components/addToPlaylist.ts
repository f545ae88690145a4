import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import type { BotContext, ButtonHandler } from '../interactions/interactionTypes.js';
import { inMinutes } from '../interactions/makePlaylist.js';
import { escapeText } from '../replies/escapeText.js';
import { ADD_PREFIX } from '../replies/personalReplies.js';
import { plural } from '../replies/plural.js';
import { UserError } from '../replies/userError.js';
import type { AddedTracks } from '../services/personal/addToPlaylist.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import { findDraft, isAuthorOf } from './findDraft.js';

/** Adds within the user's hourly saves, as Save does; a click that added nothing is not counted. */
async function addCounted(ctx: BotContext, userId: string, draft: PlaylistDraft): Promise<AddedTracks> {
	const { saves } = ctx.limits;
	const decision = await saves.take(userId);
	if (!decision.allowed) {
		throw new UserError(
			`You've saved ${plural(saves.limit, 'playlist')} in the last hour; you can add to one ${inMinutes(decision.retryInMs)}.`,
		);
	}
	const added = await ctx.personal.add(userId, draft).catch(async (error: unknown) => {
		await saves.giveBack(userId, decision.at);
		throw error;
	});
	if (added.added === 0) await saves.giveBack(userId, decision.at);
	return added;
}

function addedText(added: AddedTracks): string {
	const name = `«${escapeText(added.playlist.name)}»`;
	if (!added.created) return `These songs were already added to ${name}; here it is.`;
	if (added.added === 0) return `${name} already has all of these songs; nothing was added.`;
	return `Added ${plural(added.added, 'song')} to ${name}.`;
}

/** Add to «name»: the songs on screen go at the end of the user's playlist, once; only the author may add them. */
export const addToPlaylistButton: ButtonHandler = {
	prefix: ADD_PREFIX,

	async execute(interaction, draftId, ctx) {
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const userId = interaction.user.id;
		const draft = await findDraft(ctx, draftId, userId);
		if (!(await isAuthorOf(ctx, draftId, userId))) {
			throw new UserError('Only the person who asked for these songs can add them to their playlist.');
		}
		const added = await addCounted(ctx, userId, draft);
		const open = new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(added.playlist.url).setLabel('Open in Spotify');
		await interaction.editReply({
			content: addedText(added),
			components: [new ActionRowBuilder<ButtonBuilder>().addComponents(open)],
			allowedMentions: { parse: [] },
		});
	},
};
