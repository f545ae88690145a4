import { EmbedBuilder } from 'discord.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import type { PlaylistTrack } from '../services/spotify/track.js';
import { escapeText, truncate } from './escapeText.js';
import { personalFooter } from './personalReplies.js';

// Discord's embed limits: description 4096 each, 6000 characters over all embeds of a message.
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBEDS_TOTAL_MAX = 6000;
const EMBED_TITLE_MAX = 256;
const SPOTIFY_GREEN = 0x1db954;

// Title and artist widths tried in turn until the whole list fits; 50 tracks fit at the last one.
const WIDTHS = [
	{ title: 80, artist: 60 },
	{ title: 50, artist: 32 },
	{ title: 36, artist: 24 },
	{ title: 26, artist: 16 },
	{ title: 18, artist: 12 },
];

function trackLine(track: PlaylistTrack, index: number, width: { title: number; artist: number }): string {
	const title = truncate(escapeText(track.name), width.title);
	const artist = truncate(escapeText(track.artists.join(', ')), width.artist);
	return `${index + 1}. [${title}](${track.url}) — ${artist}`;
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
	const { mood, genres, energy } = draft.attributes;
	const dropped = `${draft.dropped} suggestion${draft.dropped === 1 ? '' : 's'} dropped`;
	// Genres are the LLM's words (within the schema, but any text): as inert as track names.
	const genreText = genres.map(escapeText).join(', ');
	const parts = [mood, genreText, `${energy} energy`, dropped, ...personalFooter(draft.personal)];
	return truncate(parts.join(' · '), 300);
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
	const title = truncate(escapeText(view.name), EMBED_TITLE_MAX);
	const footer = truncate(view.footer, 300);
	const budget = EMBEDS_TOTAL_MAX - title.length - footer.length - (view.subtitle?.length ?? 0) - 100;
	let lines: string[] = [];
	for (const width of WIDTHS) {
		lines = view.tracks.map((track, index) => trackLine(track, index, width));
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
