import { EmbedBuilder } from 'discord.js';
import type { PlaylistDraft } from '../services/pipeline/playlistTypes.js';
import { escapeText, truncate } from './escapeText.js';
import { EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX, pages } from './playlistEmbeds.js';

const TITLE = 'Why these tracks?';
const NAME_MAX = 60;
const ARTIST_MAX = 40;
const REASON_MAX = 120;
// Room for the title and a margin under Discord's 6000 characters of embeds per message.
const MESSAGE_BUDGET = EMBEDS_TOTAL_MAX - TITLE.length - 100;

function whyLine(track: PlaylistDraft['tracks'][number], index: number): string {
	const name = truncate(escapeText(track.name), NAME_MAX);
	const artist = truncate(escapeText(track.artists.join(', ')), ARTIST_MAX);
	const reason = truncate(
		escapeText(track.reason ?? (track.source === 'llm' ? 'picked by the LLM' : 'search')),
		REASON_MAX,
	);
	return `${index + 1}. **${name}** — ${artist}\n↳ ${reason}`;
}

/** Every track of the version with its reason, as ephemeral messages within embed limits (50 tracks take two). */
export function buildWhyMessages(draft: PlaylistDraft): { embeds: EmbedBuilder[]; allowedMentions: { parse: [] } }[] {
	const descriptions = pages(draft.tracks.map(whyLine), EMBED_DESCRIPTION_MAX);
	const messages: EmbedBuilder[][] = [];
	let used = Infinity;
	for (const description of descriptions) {
		if (used + description.length > MESSAGE_BUDGET) {
			messages.push([]);
			used = 0;
		}
		used += description.length;
		messages.at(-1)?.push(new EmbedBuilder().setDescription(description));
	}
	messages[0]?.[0]?.setTitle(TITLE);
	return messages.map((embeds) => ({ embeds, allowedMentions: { parse: [] } }));
}
