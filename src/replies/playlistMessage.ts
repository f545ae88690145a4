import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	StringSelectMenuBuilder,
	type InteractionEditReplyOptions,
} from 'discord.js';
import type { DegradedReason, PlaylistDraft, PlaylistPreview } from '../services/pipeline/playlistTypes.js';
import { escapeText, truncate } from './escapeText.js';
import { formatDuration } from '../services/pipeline/listDuration.js';
import { buildPlaylistEmbeds, footerText } from './playlistEmbeds.js';
import { buildAddButton } from './personalReplies.js';

export const SAVE_PREFIX = 'save';
export const REGENERATE_PREFIX = 'regen';
export const REFINE_PREFIX = 'refine';
export const WHY_PREFIX = 'why';
export const VERSION_PREFIX = 'version';
export const REMOVE_PREFIX = 'remove';
const SELECT_OPTIONS_MAX = 25;
// Discord's limit for an option's label and description.
const SELECT_TEXT_MAX = 100;
const CHANGE_SHOWN_MAX = 300;
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

/** The playlist's own controls: one row of buttons, ◀ ▶ when it has versions, and the remove select. */
function buildPlaylistControls(draft: PlaylistDraft, versions: string[]) {
	const rows: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [
		new ActionRowBuilder<ButtonBuilder>().addComponents(
			// Songs for one of the user's playlists are added to it rather than saved as a new one.
			draft.personal?.extend
				? buildAddButton(draft.id, { ...draft.personal, extend: draft.personal.extend })
				: button(`${SAVE_PREFIX}:${draft.id}`, 'Save to Spotify', ButtonStyle.Success),
			button(`${REGENERATE_PREFIX}:${draft.id}`, 'Regenerate'),
			button(`${REFINE_PREFIX}:${draft.id}`, 'Refine…'),
			button(`${WHY_PREFIX}:${draft.id}`, 'Why these?'),
		),
	];
	const at = versions.indexOf(draft.id);
	const previous = versions[at - 1];
	const next = at === -1 ? undefined : versions[at + 1];
	if (previous || next) {
		const arrows = new ActionRowBuilder<ButtonBuilder>();
		if (previous) arrows.addComponents(button(`${VERSION_PREFIX}:${previous}`, '◀ Previous version'));
		if (next) arrows.addComponents(button(`${VERSION_PREFIX}:${next}`, 'Next version ▶'));
		rows.push(arrows);
	}
	// A select takes a row of its own; it offers the first 25 tracks, Discord's limit for options.
	const options = draft.tracks.slice(0, SELECT_OPTIONS_MAX).map((track, index) => ({
		label: truncate(`${index + 1}. ${track.name}`, SELECT_TEXT_MAX),
		description: truncate(track.artists.join(', '), SELECT_TEXT_MAX),
		value: track.id,
	}));
	if (options.length > 0) {
		const select = new StringSelectMenuBuilder()
			.setCustomId(`${REMOVE_PREFIX}:${draft.id}`)
			.setPlaceholder('Remove tracks…')
			.setMinValues(1)
			.setMaxValues(options.length)
			.addOptions(options);
		rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select));
	}
	return rows;
}

function button(customId: string, label: string, style = ButtonStyle.Secondary): ButtonBuilder {
	return new ButtonBuilder().setCustomId(customId).setLabel(label).setStyle(style);
}

/** Under the title: which version this is, and what changed it (user text, escaped). */
export function versionLine(draft: PlaylistDraft, versions: string[]): string | undefined {
	const at = versions.indexOf(draft.id);
	const parts = [
		versions.length > 1 && at !== -1 ? `Version ${at + 1} of ${versions.length}` : '',
		draft.change ? truncate(escapeText(draft.change), CHANGE_SHOWN_MAX) : '',
	].filter(Boolean);
	return parts.length > 0 ? `*${parts.join(' · ')}*` : undefined;
}

/** When the user gave `length` and a duration took its place: say so. */
export function durationNote(result: Pick<PlaylistDraft, 'minutes'>): string | undefined {
	if (result.minutes === undefined) return undefined;
	return `⏱️ Made to last about ${formatDuration(result.minutes * 60_000)}: a duration takes the place of \`length\`.`;
}

/** The final reply: embeds, a note when degraded (and `note`, when given), and the playlist's controls. */
export function buildPlaylistMessage(
	draft: PlaylistDraft,
	versions: string[] = [draft.id],
	note?: string,
): InteractionEditReplyOptions {
	const degraded = draft.degraded ? degradedNote(draft.degraded, draft.tracks.some(isLlmPick)) : '';
	return {
		content: [degraded, note ?? ''].filter(Boolean).join('\n'),
		embeds: buildPlaylistEmbeds({
			name: draft.name,
			tracks: draft.tracks,
			footer: footerText(draft),
			subtitle: versionLine(draft, versions),
		}),
		components: buildPlaylistControls(draft, versions),
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
