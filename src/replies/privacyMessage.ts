import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type InteractionEditReplyOptions } from 'discord.js';
import type { UserDataSummary } from '../services/privacy/userData.js';
import { escapeText } from './escapeText.js';
import { plural } from './plural.js';

export const PRIVACY_PREFIX = 'privacy';
export const DELETE_MY_DATA_ID = `${PRIVACY_PREFIX}:delete`;

/** What the personal features keep about the listener's Spotify account, one line each. */
function listenerLines(listener: UserDataSummary['listener']): string[] {
	return [
		listener.topArtists ? '• The names of your top artists on Spotify, for playlists from your taste, kept a day.' : '',
		listener.playlists ? '• The names of your Spotify playlists, to pick one to extend, kept a few minutes.' : '',
		listener.tastePlaylists > 0
			? `• ${plural(listener.tastePlaylists, 'playlist')} from your taste, kept to serve the same request again (a day by default).`
			: '',
	].filter(Boolean);
}

/** /privacy's ephemeral answer: what the bot holds about the caller, how long, and the button that deletes it. */
export function buildPrivacyMessage(summary: UserDataSummary): InteractionEditReplyOptions {
	const account = summary.account
		? `• Your linked Spotify account, **${escapeText(summary.account.displayName)}**, with its access tokens (encrypted), kept until you run /unlink-spotify.`
		: '• No linked Spotify account.';
	const lines = [
		'**What this bot keeps about you**',
		account,
		`• ${plural(summary.playlists, 'playlist')} you asked for (prompt, tracks, your Discord id), kept ${summary.keptDays} days.`,
		`• ${plural(summary.saves, 'record')} of playlists you saved to Spotify (which playlist it made), kept ${summary.keptDays} days.`,
		...listenerLines(summary.listener),
		'• How many playlists and saves you started in the last hour, kept one hour.',
		'',
		'**Delete my data** removes all of it now, from the database files too. Your playlists already posted in channels then say they were deleted. Playlists saved in your Spotify account stay there.',
	];
	const button = new ButtonBuilder()
		.setCustomId(DELETE_MY_DATA_ID)
		.setStyle(ButtonStyle.Danger)
		.setLabel('Delete my data');
	return {
		content: lines.join('\n'),
		components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
		allowedMentions: { parse: [] },
	};
}
