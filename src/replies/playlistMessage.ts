import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type InteractionEditReplyOptions } from 'discord.js';
import type { DegradedReason, PlaylistDraft, PlaylistPreview } from '../services/pipeline/playlistTypes.js';
import { buildPlaylistEmbeds, footerText } from './playlistEmbeds.js';

export const SAVE_PREFIX = 'save';
export const REGENERATE_PREFIX = 'regen';
/** What Save and Regenerate answer on a playlist its author deleted with Delete my data. */
export const DELETED_PLAYLIST =
	'This playlist was deleted by the person who asked for it. Run /playlist to make your own.';

const isLlmPick = (track: PlaylistDraft['tracks'][number]) => track.source === 'llm';

const DEGRADED_NOTES: Record<DegradedReason, string> = {
	'llm-unreachable': 'the LLM is unavailable right now',
	'llm-timeout': 'the LLM took too long',
	'llm-model-missing': 'the LLM model is not installed',
	'llm-invalid-answer': 'the LLM gave an unusable answer',
	'llm-error': 'the LLM failed',
};

export function degradedNote(reason: DegradedReason, partly: boolean): string {
	const made = partly ? 'Fewer LLM picks than usual, the rest from Spotify search,' : 'Made from Spotify search alone,';
	return `⚠️ ${made} because ${DEGRADED_NOTES[reason]}. Try **Regenerate** later for a better mix.`;
}

export function buildPlaylistButtons(draftId: string): ActionRowBuilder<ButtonBuilder> {
	return new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(`${SAVE_PREFIX}:${draftId}`)
			.setLabel('Save to Spotify')
			.setStyle(ButtonStyle.Success),
		new ButtonBuilder()
			.setCustomId(`${REGENERATE_PREFIX}:${draftId}`)
			.setLabel('Regenerate')
			.setStyle(ButtonStyle.Secondary),
	);
}

/** The final reply: embeds, a note when degraded, and the Save / Regenerate buttons. */
export function buildPlaylistMessage(draft: PlaylistDraft): InteractionEditReplyOptions {
	return {
		content: draft.degraded ? degradedNote(draft.degraded, draft.tracks.some(isLlmPick)) : '',
		embeds: buildPlaylistEmbeds({ name: draft.name, tracks: draft.tracks, footer: footerText(draft) }),
		components: [buildPlaylistButtons(draft.id)],
		allowedMentions: { parse: [] },
	};
}

/** "finding more…": the footer of a playlist still growing. */
export const GROWING_FOOTER = 'finding more…';

/** A playlist still growing: the tracks so far and what the bot is doing, without buttons until it is done. */
export function buildPreviewMessage(preview: PlaylistPreview, status: string): InteractionEditReplyOptions {
	return {
		content: status,
		embeds: buildPlaylistEmbeds({ name: preview.name, tracks: preview.tracks, footer: GROWING_FOOTER }),
		components: [],
		allowedMentions: { parse: [] },
	};
}
