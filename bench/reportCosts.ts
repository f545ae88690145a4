import { median, spread, sum } from './playlistTiming.js';
import { detail, details, formatValue, headline, of, type Row } from './reportFormat.js';
import type { BenchResults } from './reportFigures.js';
import { TARGETS } from './settings.js';
import type { MixedPlaylist, MixedWorkload } from './steps/mixedWorkload.js';

// results.md's rows for what a playlist costs: Spotify requests and the caches' hit rates over the mixed workload,
// LLM tokens per verified track, and the bot process's memory.

/** How many playlists the warming row compares at each end of the workload. */
const ENDS = 20;

const mean = (values: readonly number[]) => sum(values) / values.length;
const percent = (part: number, whole: number) => formatValue((part / whole) * 100, '%');

/** "8.9 on average (median 8, 2–31)". */
function averaged(values: readonly number[]): string {
	const { median: middle, min, max } = spread(values);
	const count = (value: number) => formatValue(value, 'count');
	return `${count(mean(values))} on average (median ${count(middle)}, ${count(min)}–${count(max)})`;
}

/** Where the pipeline's search pages and suggestion checks were answered, over the whole workload. */
function hitRates({ playlists, logs }: MixedWorkload): Row[] {
	const pageCount = (from: string) => logs[`search page:${from}`] ?? 0;
	const pagesWanted = pageCount('cache') + pageCount('in-flight') + pageCount('spotify');
	const checks = sum(playlists.map((playlist) => playlist.suggestions));
	const onPages = logs['suggestion found on a search page'] ?? 0;
	const atSpotify = sum(playlists.map((playlist) => playlist.checkSearches));
	const fromCache = checks - onPages - atSpotify;
	return [
		detail(
			`search pages answered by the shared cache (or a search in flight), of ${pagesWanted} wanted`,
			percent(pageCount('cache') + pageCount('in-flight'), pagesWanted),
		),
		detail(
			`suggestion checks answered by the verified-suggestions cache / by a search page seen, of ${checks}`,
			`${percent(fromCache, checks)} / ${percent(onPages, checks)}`,
		),
	];
}

function spotifyRows({ mixed }: BenchResults): Row[] {
	const { playlists } = mixed;
	const requests = playlists.map((playlist) => playlist.spotifyRequests);
	const average = (key: keyof MixedPlaylist) => formatValue(mean(playlists.map((p) => Number(p[key]))), 'count');
	const ends = `${formatValue(mean(requests.slice(0, ENDS)), 'count')} → ${formatValue(mean(requests.slice(-ENDS)), 'count')}`;
	return [
		headline(
			6,
			`Spotify requests per cache-miss playlist: ${playlists.length} mixed prompts in a row, fresh store`,
			averaged(requests),
			`≤ ${TARGETS.spotifyPerPlaylist} on average`,
			mean(requests) <= TARGETS.spotifyPerPlaylist,
		),
		detail(
			'seed searches / suggestion checks reaching Spotify, per playlist',
			`${average('seedSearches')} / ${average('checkSearches')}`,
		),
		...hitRates(mixed),
		detail(`Spotify requests per playlist, first ${ENDS} → last ${ENDS} playlists`, ends),
		detail('LLM calls per playlist', average('llmCalls')),
	];
}

/** Per playlist: suggestions the check found on Spotify (all but those the stand-in made up). */
const verified = (playlist: MixedPlaylist) => playlist.suggestions - playlist.madeUp;

function tokenRows({ mixed }: BenchResults): Row[] {
	const { playlists } = mixed;
	const perVerified = (tokens: (playlist: MixedPlaylist) => number) =>
		of(playlists, 'count', (playlist) => tokens(playlist) / verified(playlist));
	return [
		headline(
			7,
			'Output tokens per verified LLM track (refine answer ÷ its suggestions found on Spotify)',
			`${perVerified((p) => p.refine.outputTokens)} · ${playlists.length} playlists`,
		),
		...details(playlists, [
			[
				'share of suggestions dropped as not found (made up by the stand-in)',
				'%',
				(p) => (p.madeUp / p.suggestions) * 100,
			],
			[
				'suggestions dropped in all, as the reply’s footer counts them (not found + repeats)',
				'count',
				(p) => p.footerDropped,
			],
			['suggestions per refine answer', 'count', (p) => p.suggestions],
		]),
		detail(
			'prompt tokens per verified LLM track (refine request)',
			perVerified((p) => p.refine.promptTokens),
		),
		detail(
			'with the extract call: output / prompt tokens per verified LLM track',
			`${perVerified((p) => p.all.outputTokens)} / ${perVerified((p) => p.all.promptTokens)}`,
		),
		detail(
			'refine answers stopped at num_predict (done_reason length), all playlists',
			String(sum(playlists.map((p) => p.cutAnswers))),
		),
	];
}

function memoryRows({ load, bootMemory }: BenchResults): Row[] {
	const rss = of(load, 'MB', (run) => run.rssMb);
	const met = median(load.map((run) => run.rssMb)) <= TARGETS.rssMb;
	return [
		headline(8, 'Memory: bot process RSS after the load step', rss, `≤ ${TARGETS.rssMb} MB`, met),
		detail(
			'bot process JS heap used after the load step',
			of(load, 'MB', (run) => run.heapUsedMb),
		),
		detail('bot process RSS after boot, before any playlist', formatValue(bootMemory.rssMb, 'MB')),
	];
}

export const costRows = (results: BenchResults): Row[] => [
	...spotifyRows(results),
	...tokenRows(results),
	...memoryRows(results),
];
