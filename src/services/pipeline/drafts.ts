import { randomBytes } from 'node:crypto';
import type { PlaylistDraft, PlaylistResult } from './playlistTypes.js';
import type { Store } from '../store/createStore.js';
import type { UserIndex } from '../store/userIndex.js';

/** Who asked for what; enough to run the pipeline again. */
export interface DraftRequest {
	prompt: string;
	length: number;
	/** The duration asked for, when one was (absent on drafts made before durations). */
	minutes?: number;
	authorId: string;
}

/** Where a new draft stands: a later version of a message's playlist, and what changed. */
export interface DraftLineage {
	/** The thread (first version's id) this draft joins as its newest version; absent: a playlist of its own. */
	threadId?: string;
	change?: string | null;
}

/** How many versions one message keeps; older ones drop off the front. */
export const VERSIONS_MAX = 10;

export interface Drafts {
	/** How many days a draft is kept (DRAFT_TTL_DAYS), as users are told. */
	readonly ttlDays: number;
	create(result: PlaylistResult, authorId: string, lineage?: DraftLineage): Promise<PlaylistDraft>;
	/** The ids of the versions of `draft`'s message, oldest first (just the draft itself when it has none). */
	versions(draft: PlaylistDraft): Promise<string[]>;
	get(id: string): Promise<PlaylistDraft | undefined>;
	getRequest(id: string): Promise<DraftRequest | undefined>;
	/** Deletes a draft and its request, leaving only a mark (no personal data) that it was deleted. */
	remove(id: string): Promise<void>;
	/** Whether the draft was deleted by its author (rather than expired or never made). */
	wasDeleted(id: string): Promise<boolean>;
}

export interface DraftsOptions {
	/** How long drafts and their requests live (DRAFT_TTL_DAYS). */
	ttlMs: number;
	/** Where each draft is noted under its author, so their data can be found and deleted. */
	index: UserIndex;
}

/** Draft ids go into button custom ids: short, URL-safe, unguessable. */
export function createDraftId(): string {
	return randomBytes(12).toString('base64url');
}

export function createDrafts(store: Store, options: DraftsOptions): Drafts {
	const { ttlMs } = options;
	const drafts = store.collection<PlaylistDraft>('draft');
	const requests = store.collection<DraftRequest>('draft-request');
	const deleted = store.collection<true>('draft-deleted');
	const threads = store.collection<{ versions: string[] }>('draft-thread');
	return {
		ttlDays: Math.round(ttlMs / (24 * 60 * 60 * 1000)),
		async create(result, authorId, lineage = {}) {
			const id = createDraftId();
			const threadId = lineage.threadId ?? id;
			const draft: PlaylistDraft = { ...result, id, threadId, change: lineage.change ?? null };
			await options.index.add(authorId, 'draft', draft.id, ttlMs);
			// The request as made: Regenerate asks it again, and the cache knows its result by it.
			const asked = result.asked ?? { length: result.length };
			await requests.set(draft.id, { prompt: result.prompt, ...asked, authorId }, ttlMs);
			await drafts.set(draft.id, draft, ttlMs);
			const earlier = lineage.threadId ? ((await threads.get(threadId))?.versions ?? [threadId]) : [];
			await threads.set(threadId, { versions: [...earlier, id].slice(-VERSIONS_MAX) }, ttlMs);
			return draft;
		},
		versions: async (draft) => (draft.threadId && (await threads.get(draft.threadId))?.versions) || [draft.id],
		get: (id) => drafts.get(id),
		getRequest: (id) => requests.get(id),
		async remove(id) {
			await deleted.set(id, true, ttlMs);
			await Promise.all([drafts.delete(id), requests.delete(id), threads.delete(id)]);
		},
		wasDeleted: async (id) => (await deleted.get(id)) === true,
	};
}
