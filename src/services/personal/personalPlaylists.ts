import { generatePlaylist } from '../pipeline/generatePlaylist.js';
import { candidateFilter, type CandidateFilter } from '../pipeline/leftOut.js';
import { planForListener } from '../pipeline/personalPlan.js';
import type { PersonalNote } from '../pipeline/personalization.js';
import { cacheKey } from '../pipeline/playlistPipeline.js';
import type { PipelineProgress, PlaylistDraft, PlaylistResult } from '../pipeline/playlistTypes.js';
import { checkLength, checkMinutes, checkPrompt } from '../pipeline/requestChecks.js';
import { EXTEND_SCOPES, LIBRARY_SCOPES, MissingScopeError, TASTE_SCOPES } from '../spotify/scopes.js';
import { addToPlaylist, type AddedTracks } from './addToPlaylist.js';
import type { KnownPlaylist, ListenerRecords } from './listenerRecords.js';
import type { PersonalDeps } from './personalDeps.js';
import { PersonalNotLinkedError } from './personalErrors.js';
import { personalize, type PersonalOptions } from './personalize.js';
import { createUserPlaylists, within } from './userPlaylists.js';

// Playlists for one linked listener: from their taste, without what they have saved, or to extend a playlist of
// theirs. Each feature needs its scopes; a link without them is asked to relink (MissingScopeError) and keeps
// working for everything else.

export interface PersonalRunOptions {
	length: number;
	/** A duration to make it to, in minutes, instead of a count. */
	minutes?: number;
	/** Regenerate: skip the per-user cache of taste playlists. */
	fresh?: boolean;
	onProgress?: (progress: PipelineProgress) => void;
	notAfter?: number;
}

/** What autocomplete can offer for "extend": their playlists, or why there are none. */
export type PlaylistChoices =
	{ kind: 'not-linked' } | { kind: 'missing-scope' } | { kind: 'playlists'; playlists: KnownPlaylist[] };

export interface PersonalPlaylists {
	/** Throws PersonalNotLinkedError, or a MissingScopeError naming what these options need and the link lacks. */
	requireAccess(userId: string, options: PersonalOptions): Promise<void>;
	run(userId: string, prompt: string, options: PersonalOptions, run: PersonalRunOptions): Promise<PlaylistResult>;
	/** Their playlists they may extend whose name contains `typed`, answered within `withinMs` (none when slower). */
	choosePlaylists(userId: string, typed: string, withinMs: number): Promise<PlaylistChoices>;
	/**
	 * What a new version (Refine…, Remove) of the listener's personal playlist may take: not their saved tracks when
	 * it is new to them, nor the extended playlist's as it is now. None when neither applies, or not personal (no note).
	 */
	revisionFilter(userId: string, note: PersonalNote | undefined): Promise<CandidateFilter | undefined>;
	/** Add to «playlist»: the draft's tracks not yet in it, once. */
	add(userId: string, draft: PlaylistDraft): Promise<AddedTracks>;
	summarize: ListenerRecords['summarize'];
	forget: ListenerRecords['forget'];
}

/** The scopes a set of options needs. */
export function scopesFor(options: PersonalOptions): string[] {
	return [
		...(options.taste ? TASTE_SCOPES : []),
		...(options.newToMe ? LIBRARY_SCOPES : []),
		...(options.extend ? EXTEND_SCOPES : []),
	];
}

/** The options that made a personal playlist, so Regenerate makes it the same way. */
export function optionsOf(note: PersonalNote): PersonalOptions {
	return { taste: note.taste, newToMe: note.skipped !== null, extend: note.extend?.playlistId ?? null };
}

/** `needed` scopes a link lacks; none when it was stored without its scopes (Spotify's 403 then tells). */
const lacking = (granted: string[], needed: string[]) =>
	granted.length === 0 ? [] : needed.filter((scope) => !granted.includes(scope));

async function requireAccess(deps: PersonalDeps, userId: string, options: PersonalOptions): Promise<void> {
	const granted = await deps.links.getScopes(userId);
	if (granted === null) throw new PersonalNotLinkedError(userId);
	const missing = lacking(granted, scopesFor(options));
	if (missing.length > 0) throw new MissingScopeError(missing);
}

export function createPersonalPlaylists(deps: PersonalDeps): PersonalPlaylists {
	const playlists = createUserPlaylists(deps);
	return {
		requireAccess: (userId, options) => requireAccess(deps, userId, options),
		async run(userId, rawPrompt, options, run) {
			await requireAccess(deps, userId, options);
			const prompt = checkPrompt(rawPrompt);
			const length = checkLength(run.length);
			const minutes = run.minutes === undefined ? undefined : checkMinutes(run.minutes);
			// Only taste playlists are cached (per user): a library or a playlist changes between two runs.
			const onlyTaste = options.taste && !options.newToMe && !options.extend;
			const key = onlyTaste ? cacheKey(prompt, length, deps.generation.llm.model, minutes) : undefined;
			const cached = key && !run.fresh ? await deps.records.getTasteResult(userId, key) : undefined;
			if (cached) return cached;
			const personalization = await personalize(deps, playlists, { userId, options });
			const generation = { ...deps.generation, planSeeds: planForListener(personalization) };
			const request = { prompt, length, notAfter: run.notAfter, ...(minutes === undefined ? {} : { minutes }) };
			const result = await generatePlaylist(generation, request, (progress) => run.onProgress?.(progress));
			if (key && !result.degraded) await deps.records.setTasteResult(userId, key, result, deps.cacheTtlMs);
			deps.logger.info({ discordUserId: userId, ...options, extend: !!options.extend }, 'personal playlist made');
			return result;
		},
		async choosePlaylists(userId, typed, withinMs) {
			const granted = await deps.links.getScopes(userId);
			if (granted === null) return { kind: 'not-linked' };
			if (lacking(granted, [...EXTEND_SCOPES]).length > 0) return { kind: 'missing-scope' };
			const listing = playlists.list(userId).catch((error: unknown) => {
				deps.logger.warn({ err: error, discordUserId: userId }, 'could not list playlists for autocomplete');
				return [];
			});
			return { kind: 'playlists', playlists: playlists.matching((await within(withinMs, listing)) ?? [], typed) };
		},
		async revisionFilter(userId, note) {
			if (!note) return undefined;
			// Taste only decides the seeds: a new version of a taste playlist may take any track.
			const options = { ...optionsOf(note), taste: false };
			if (!options.newToMe && !options.extend) return undefined;
			await requireAccess(deps, userId, options);
			return candidateFilter(await personalize(deps, playlists, { userId, options }));
		},
		add: (userId, draft) => addToPlaylist(deps, playlists, { userId, draft }),
		summarize: (userId) => deps.records.summarize(userId),
		forget: (userId) => deps.records.forget(userId),
	};
}
