import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import { asOnlyPlaylistOf } from '../interactions/makePlaylist.js';
import { makeVersion } from '../interactions/reviseMessage.js';
import type { BotContext, ButtonHandler, ModalHandler } from '../interactions/interactionTypes.js';
import { buildPlaylistMessage, REFINE_PREFIX } from '../replies/playlistMessage.js';
import { checkInstruction, INSTRUCTION_MAX_LENGTH } from '../services/pipeline/requestChecks.js';
import type { DraftLineage } from '../services/pipeline/drafts.js';
import type { RefineOptions } from '../services/pipeline/playlistPipeline.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import { findDraft, isAuthorOf } from './findDraft.js';

const INSTRUCTION_FIELD = 'instruction';

export function buildRefineModal(draftId: string): ModalBuilder {
	const input = new TextInputBuilder()
		.setCustomId(INSTRUCTION_FIELD)
		.setStyle(TextInputStyle.Paragraph)
		.setMinLength(1)
		.setMaxLength(INSTRUCTION_MAX_LENGTH)
		.setPlaceholder('less rap, more 2000s, no ballads')
		.setRequired(true);
	return new ModalBuilder()
		.setCustomId(`${REFINE_PREFIX}:${draftId}`)
		.setTitle('Refine this playlist')
		.addLabelComponents(new LabelBuilder().setLabel('What should change?').setTextInputComponent(input));
}

/** Refine…: asks what should change, about the version on screen. */
export const refineButton: ButtonHandler = {
	prefix: REFINE_PREFIX,

	async execute(interaction, draftId, ctx) {
		// An expired playlist is explained now, not after the user has typed their change.
		await findDraft(ctx, draftId, interaction.user.id);
		await interaction.showModal(buildRefineModal(draftId));
	},
};

/** Where a refinement goes: how the interaction is answered first, what version it makes, and the undo on failure. */
interface Placement {
	acknowledge(): Promise<unknown>;
	lineage: DraftLineage;
	undo(): Promise<unknown>;
}

/** The author's refinement: a new version of the same message, edited in place; a failure puts the old one back. */
function inPlace(interaction: ModalSubmitInteraction, ctx: BotContext, base: PlaylistDraft, change: string): Placement {
	return {
		acknowledge: () => interaction.deferUpdate(),
		lineage: { threadId: base.threadId ?? base.id, change: `Refined: ${change}` },
		undo: async () => interaction.editReply(buildPlaylistMessage(base, await ctx.drafts.versions(base))),
	};
}

/** Anyone else's refinement: a playlist of their own in a new message; on failure that message goes (told ephemerally). */
function asNew(interaction: ModalSubmitInteraction, base: PlaylistDraft, change: string): Placement {
	return {
		acknowledge: () => interaction.deferReply(),
		lineage: { change: `Refined from “${base.name}”: ${change}` },
		undo: () => interaction.deleteReply(),
	};
}

async function refineInto(
	interaction: ModalSubmitInteraction,
	ctx: BotContext,
	refinement: { base: PlaylistDraft; change: string; placement: Placement; author: boolean },
): Promise<void> {
	const { base, change, placement, author } = refinement;
	const userId = interaction.user.id;
	await asOnlyPlaylistOf(ctx, userId, async () => {
		await placement.acknowledge();
		const revision = {
			userId,
			createdAt: interaction.createdTimestamp,
			lineage: placement.lineage,
			revise: async (options: RefineOptions) => {
				// The author's own personal playlist stays theirs: new to them, or new to the playlist it extends.
				const allowed = author ? await ctx.personal.revisionFilter(userId, base.personal) : undefined;
				return ctx.pipeline.refine(base, change, { ...options, allowed });
			},
		};
		try {
			return await makeVersion(ctx, revision, (options) => interaction.editReply(options));
		} catch (error) {
			await placement.undo().catch(() => undefined);
			throw error;
		}
	});
}

/** The modal's answer: a checked change request applied to the version it was opened on. */
export const refineModal: ModalHandler = {
	prefix: REFINE_PREFIX,

	async execute(interaction, draftId, ctx) {
		const change = checkInstruction(interaction.fields.getTextInputValue(INSTRUCTION_FIELD));
		const base = await findDraft(ctx, draftId, interaction.user.id);
		const author = await isAuthorOf(ctx, draftId, interaction.user.id);
		const inItsMessage = author && interaction.isFromMessage();
		const placement = inItsMessage ? inPlace(interaction, ctx, base, change) : asNew(interaction, base, change);
		await refineInto(interaction, ctx, { base, change, placement, author });
	},
};
