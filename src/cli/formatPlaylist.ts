import { formatDuration, totalMs } from '../services/pipeline/listDuration.js';
import type { PlaylistResult } from '../services/pipeline/playlistTypes.js';
import { fitColumns } from './terminalWidth.js';

const DEGRADED_TEXT: Record<NonNullable<PlaylistResult['degraded']>, string> = {
	'llm-unreachable': 'Ollama could not be reached',
	'llm-timeout': 'Ollama did not answer in time',
	'llm-model-missing': 'the model is not pulled on the Ollama host',
	'llm-invalid-answer': 'the model did not answer in the expected format',
	'llm-error': 'Ollama answered with an error',
};

export function describeDegraded(reason: NonNullable<PlaylistResult['degraded']>): string {
	return DEGRADED_TEXT[reason];
}

type Track = PlaylistResult['tracks'][number];

function trackRow(track: Track, index: number): string {
	const number = String(index + 1).padStart(2);
	return `${number}  ${fitColumns(track.name, 34)}  ${fitColumns(track.artists.join(', '), 24)}  ${fitColumns(track.source, 6)}  ${track.reason ?? ''}`.trimEnd();
}

/** The tracks' rows, with a line naming each phase of an arc above its first track (as the Discord reply has it). */
function trackRows(tracks: Track[]): string[] {
	let heading: string | undefined;
	return tracks.flatMap((track, index) => {
		if (track.phase === undefined || track.phase === heading) return [trackRow(track, index)];
		heading = track.phase;
		return [`  — ${heading} —`, trackRow(track, index)];
	});
}

/** What the list was made to: its duration target and arc, when it has them. */
function shapeLine(result: PlaylistResult): string[] {
	const parts = [
		result.minutes === undefined ? '' : `made to ${formatDuration(result.minutes * 60_000)}`,
		result.phases ? `phases ${result.phases.join(' → ')}` : '',
	].filter(Boolean);
	return parts.length > 0 ? [parts.join(' · ')] : [];
}

/** The playlist as a plain-text table for the terminal. */
export function formatPlaylist(result: PlaylistResult): string {
	const { attributes } = result;
	const total = formatDuration(totalMs(result.tracks));
	const lines = [
		`${result.name} — ${result.tracks.length} tracks · ${total} (model ${result.model})`,
		`mood ${attributes.mood} · genres ${attributes.genres.join(', ')} · energy ${attributes.energy}` +
			(attributes.era ? ` · ${attributes.era.from}–${attributes.era.to}` : '') +
			(attributes.language ? ` · ${attributes.language}` : ''),
		...shapeLine(result),
		'',
		`${'#'.padStart(2)}  ${fitColumns('Title', 34)}  ${fitColumns('Artist', 24)}  ${fitColumns('Source', 6)}  Reason`,
		...trackRows(result.tracks),
		'',
		`Dropped ${result.dropped} LLM suggestion${result.dropped === 1 ? '' : 's'} not found on Spotify or repeated.`,
		`Time: ${Object.entries(result.timingsMs)
			.map(([stage, ms]) => `${stage} ${ms} ms`)
			.join(' · ')}`,
	];
	if (result.degraded) {
		const built = result.tracks.some((track) => track.source === 'llm') ? 'with only part of' : 'without';
		lines.push(`Warning: built ${built} the LLM's picks because ${describeDegraded(result.degraded)}.`);
	}
	return lines.join('\n');
}
