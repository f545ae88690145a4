import { EmbedBuilder } from 'discord.js';
import { findLanguage } from '../services/pipeline/languages.js';
import { formatDuration, totalMs } from '../services/pipeline/listDuration.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import type { PlaylistTrack } from '../services/spotify/track.js';
import { escapeText, truncate } from './escapeText.js';
import { personalFooter } from './personalReplies.js';
import { plural } from './plural.js';

// Discord's embed limits: description 4096 each, 6000 characters over all embeds of a message.
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBEDS_TOTAL_MAX = 6000;
const EMBED_TITLE_MAX = 256;
const SPOTIFY_GREEN = 0x1db954;

// Title and artist widths tried in turn until the whole list fits; 50 tracks fit at the last linked one. A link
// alone is 55 characters, so 100 tracks fit only without them: their titles then link nowhere.
const WIDTHS = [
	{ title: 80, artist: 60, link: true },
	{ title: 50, artist: 32, link: true },
	{ title: 36, artist: 24, link: true },
	{ title: 26, artist: 16, link: true },
	{ title: 18, artist: 12, link: true },
	{ title: 30, artist: 20, link: false },
	{ title: 22, artist: 14, link: false },
];

type Width = (typeof WIDTHS)[number];

function trackLine(track: PlaylistTrack, index: number, width: Width): string {
	const title = truncate(escapeText(track.name), width.title);
	const artist = truncate(escapeText(track.artists.join(', ')), width.artist);
	return width.link ? `${index + 1}. [${title}](${track.url}) — ${artist}` : `${index + 1}. ${title} — ${artist}`;
}

/**
 * The list's lines, with the phase's name above the first track of each phase of an arc. A track without one (put
 * in by a refinement) stays under the heading before it.
 */
function trackLines(tracks: PlaylistTrack[], width: Width): string[] {
	let heading: string | undefined;
	return tracks.flatMap((track, index) => {
		const line = trackLine(track, index, width);
		if (track.phase === undefined || track.phase === heading) return [line];
		heading = track.phase;
		return [`**${escapeText(capitalize(heading))}**`, line];
	});
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "18 tracks · 46 min": what the title says of the list, with or without a duration asked. */
export function listSummary(tracks: PlaylistTrack[]): string {
	return `${plural(tracks.length, 'track')} · ${formatDuration(totalMs(tracks))}`;
}

/** Splits lines into descriptions of at most `max` characters, never inside a line. */
export function pages(lines: string[], max: number): string[] {
	const result: string[] = [];
	let current = '';
	for (const line of lines) {
		const next = current ? `${current}\n${line}` : line;
		if (next.length > max && current) {
			result.push(current);
			current = line;
		} else current = next;
	}
	if (current) result.push(current);
	return result;
}

export function footerText(draft: PlaylistDraft): string {
	const { mood, genres, energy, language } = draft.attributes;
	const dropped = `${draft.dropped} suggestion${draft.dropped === 1 ? '' : 's'} dropped`;
	// Genres and the language are the LLM's words (within the schema, but any text): as inert as track names.
	const genreText = genres.map(escapeText).join(', ');
	const sungIn = findLanguage(language);
	const parts = [mood, genreText, sungIn && `sung in ${escapeText(sungIn.name)}`, `${energy} energy`];
	if (draft.minutes !== undefined) parts.push(`made to ${formatDuration(draft.minutes * 60_000)}`);
	return truncate([...parts, dropped, ...personalFooter(draft.personal)].filter(Boolean).join(' · '), 300);
}

/** What a playlist embed shows: a finished draft, or a preview still growing. */
export interface PlaylistView {
	name: string;
	tracks: PlaylistTrack[];
	footer: string;
	/** A line above the tracks, already escaped (the version and what changed it). */
	subtitle?: string;
}

/** The playlist as embeds: one when it fits, split into pages when it doesn't, always within limits. */
export function buildPlaylistEmbeds(view: PlaylistView): EmbedBuilder[] {
	const summary = ` · ${listSummary(view.tracks)}`;
	const title = truncate(escapeText(view.name), EMBED_TITLE_MAX - summary.length) + summary;
	const footer = truncate(view.footer, 300);
	const budget = EMBEDS_TOTAL_MAX - title.length - footer.length - (view.subtitle?.length ?? 0) - 100;
	let lines: string[] = [];
	for (const width of WIDTHS) {
		lines = trackLines(view.tracks, width);
		if (lines.join('\n').length <= budget) break;
	}
	const descriptions = pages(view.subtitle ? [view.subtitle, ...lines] : lines, EMBED_DESCRIPTION_MAX);
	return descriptions.map((description, index) => {
		const embed = new EmbedBuilder().setColor(SPOTIFY_GREEN).setDescription(description);
		if (index === 0) {
			embed.setTitle(title);
			const image = view.tracks[0]?.imageUrl;
			if (image?.startsWith('https://')) embed.setThumbnail(image);
		}
		if (index === descriptions.length - 1) embed.setFooter({ text: footer });
		return embed;
	});
}
