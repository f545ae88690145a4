import { ButtonBuilder, ButtonStyle, type ApplicationCommandOptionChoiceData } from 'discord.js';
import type { PersonalNote } from '../services/pipeline/personalization.js';
import type { PlaylistChoices } from '../services/personal/personalPlaylists.js';
import { truncate as truncateText } from '../services/pipeline/truncate.js';
import { escapeText, truncate } from './escapeText.js';
import { plural } from './plural.js';

// What users see of the personal features: the footer's notes, the Add button of an extend preview, and the choices
// autocomplete offers for "extend".

export const ADD_PREFIX = 'add';
/** Discord's limits: a button label 80 characters, a choice's name and value 100. */
const LABEL_MAX = 80;
const CHOICE_MAX = 100;

/** Cut to Discord's length (UTF-16 units) without splitting a surrogate pair. */
const fit = (text: string, max: number) =>
	truncateText(text, max, { unit: 'utf16', tidy: (cut) => cut.replace(/[\uD800-\uDBFF]$/, '') });

/** The values of the stand-in choices: picking one runs the command, which then explains what to do. */
export const LINK_FIRST_CHOICE = 'link-spotify';
export const ALLOW_PLAYLISTS_CHOICE = 'allow-playlists';

/** "from your taste · 3 songs you have saved left out · new to «Road trip»" (already escaped). */
export function personalFooter(note: PersonalNote | undefined): string[] {
	if (!note) return [];
	return [
		note.taste ? 'from your taste' : '',
		note.skipped === null ? '' : `${plural(note.skipped, 'song')} you have saved left out`,
		note.extend ? `new to «${truncate(escapeText(note.extend.name), 60)}»` : '',
	].filter(Boolean);
}

/** Add to «name»: in place of Save on a preview of songs for one of the user's playlists. */
export function buildAddButton(draftId: string, note: PersonalNote & { extend: NonNullable<PersonalNote['extend']> }) {
	// A label is plain text (no Markdown), only cut to fit.
	const label = fit(`Add to «${note.extend.name.trim() || 'your playlist'}»`, LABEL_MAX);
	return new ButtonBuilder().setCustomId(`${ADD_PREFIX}:${draftId}`).setLabel(label).setStyle(ButtonStyle.Success);
}

/** Autocomplete's answer for "extend": the matching playlists, or one choice saying what to do first. */
export function buildPlaylistChoices(choices: PlaylistChoices): ApplicationCommandOptionChoiceData<string>[] {
	if (choices.kind === 'not-linked')
		return [{ name: 'Link your Spotify account first: run /link-spotify', value: LINK_FIRST_CHOICE }];
	if (choices.kind === 'missing-scope')
		return [{ name: 'Send the command to let the bot see your Spotify playlists', value: ALLOW_PLAYLISTS_CHOICE }];
	return choices.playlists.map((playlist) => ({
		name: fit(playlist.name.trim() || '(untitled playlist)', CHOICE_MAX),
		value: playlist.id.slice(0, CHOICE_MAX),
	}));
}
