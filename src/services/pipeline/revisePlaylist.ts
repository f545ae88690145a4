import type { Logger } from '../../log.js';
import type { Llm } from '../llm/createLlm.js';
import type { WaitOptions } from '../llm/leaseQueue.js';
import type { SpotifyCatalog } from '../spotify/catalog.js';
import type { PlaylistTrack } from '../spotify/track.js';
import { fromPick, fromSeed } from './assemblePlaylist.js';
import type { CandidateFilter } from './leftOut.js';
import { suggestionCount } from './generatePlaylist.js';
import type { PlaylistResult } from './playlistTypes.js';
import { toPick, type VerifiedPick } from './refineWithLlm.js';
import { refillPlaylist } from './refillPlaylist.js';
import { reviseWithLlm } from './reviseWithLlm.js';
import { seedTracks } from './seedTracks.js';
import type { Verify } from './verifiedSuggestions.js';
import type { Suggestion } from './verifySuggestion.js';

// New versions of a playlist: changed by the LLM to follow a request, or with tracks taken out. Either keeps the
// length, refilled from new verified picks, then the candidates the list left out, then more search results. A
// personal playlist's candidates pass its filter first, so a new-to-me list does not take back a saved song.

export interface RevisionDeps {
	llm: Llm;
	catalog: SpotifyCatalog;
	verify: Verify;
	logger: Logger;
	spotifyContext?: boolean;
}

/** A version in the making: the old list with gaps, what may fill them, and what must not come back. */
interface Rebuild {
	slots: (PlaylistTrack | null)[];
	candidates: PlaylistTrack[];
	removed: Set<string>;
	dropped: number;
	llmMs: number;
	allowed: CandidateFilter | undefined;
}

/** How a new version is made beyond its base: for a personal playlist, what its candidates may be. */
export interface RevisionOptions {
	allowed?: CandidateFilter;
}

async function verifyAll(deps: RevisionDeps, suggestions: Suggestion[]): Promise<(VerifiedPick | null)[]> {
	return Promise.all(
		suggestions.map((suggestion) =>
			deps.verify(suggestion).then(
				(track) => (track ? toPick(track, suggestion) : null),
				(error: unknown) => {
					deps.logger.warn({ err: error }, 'could not verify a suggestion');
					return null;
				},
			),
		),
	);
}

async function rebuild(deps: RevisionDeps, base: PlaylistResult, parts: Rebuild): Promise<PlaylistResult> {
	const started = performance.now();
	const usable = async (candidates: PlaylistTrack[]) => {
		const left = candidates.filter((track) => !parts.removed.has(track.id));
		return parts.allowed ? parts.allowed(left) : left;
	};
	const candidates = await usable(parts.candidates);
	const phases = base.tracks.map((track) => track.phase);
	let refill = refillPlaylist(parts.slots, candidates, base.length, phases);
	if (refill.tracks.length < base.length) {
		// The searches of the first version, and then further pages: mostly answered from the shared cache.
		const found = await seedTracks(deps.catalog, base.attributes, base.length * 2);
		refill = refillPlaylist(parts.slots, [...candidates, ...(await usable(found.map(fromSeed)))], base.length, phases);
	}
	return {
		...base,
		tracks: refill.tracks,
		spare: refill.spare,
		degraded: null,
		dropped: parts.dropped,
		timingsMs: { extract: 0, seed: 0, refine: parts.llmMs, assemble: Math.round(performance.now() - started) },
		createdAt: new Date().toISOString(),
	};
}

/** The list changed as `instruction` asks: the LLM says what stays and suggests the rest, each suggestion verified. */
export async function refinePlaylist(
	deps: RevisionDeps,
	base: PlaylistResult,
	instruction: string,
	wait: WaitOptions = {},
	options: RevisionOptions = {},
): Promise<PlaylistResult> {
	const started = performance.now();
	const { kept, suggestions } = await reviseWithLlm(deps, {
		prompt: base.prompt,
		instruction,
		tracks: base.tracks,
		count: suggestionCount(base.length),
		spotifyContext: deps.spotifyContext,
		wait,
	});
	const checks = await verifyAll(deps, suggestions);
	const picks = checks.filter((pick): pick is VerifiedPick => pick !== null).map(fromPick);
	return rebuild(deps, base, {
		slots: base.tracks.map((track, index) => (kept[index] ? track : null)),
		candidates: [...picks, ...(base.spare ?? [])],
		removed: new Set(base.tracks.filter((_, index) => !kept[index]).map((track) => track.id)),
		dropped: checks.length - picks.length,
		llmMs: Math.round(performance.now() - started),
		allowed: options.allowed,
	});
}

/** The list without `trackIds`, each gap filled in place from the candidates it left out, then from search. */
export function removeTracks(
	deps: RevisionDeps,
	base: PlaylistResult,
	trackIds: string[],
	options: RevisionOptions = {},
): Promise<PlaylistResult> {
	const removed = new Set(trackIds);
	return rebuild(deps, base, {
		slots: base.tracks.map((track) => (removed.has(track.id) ? null : track)),
		candidates: base.spare ?? [],
		removed,
		dropped: 0,
		llmMs: 0,
		allowed: options.allowed,
	});
}
