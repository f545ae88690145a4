import { randomBytes } from 'node:crypto';
import type { PlaylistDraft, PlaylistResult } from './playlistTypes.js';
import type { Store } from '../store/createStore.js';
import type { UserIndex } from '../store/userIndex.js';

/** Who asked for what; enough to run the pipeline again. */
export interface DraftRequest {
	prompt: string;
	length: number;
	authorId: string;
}

export interface Drafts {
	/** How many days a draft is kept (DRAFT_TTL_DAYS), as users are told. */
	readonly ttlDays: number;
	create(result: PlaylistResult, authorId: string): Promise<PlaylistDraft>;
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
	return {
		ttlDays: Math.round(ttlMs / (24 * 60 * 60 * 1000)),
		async create(result, authorId) {
			const draft: PlaylistDraft = { ...result, id: createDraftId() };
			await options.index.add(authorId, 'draft', draft.id, ttlMs);
			await requests.set(draft.id, { prompt: result.prompt, length: result.length, authorId }, ttlMs);
			await drafts.set(draft.id, draft, ttlMs);
			return draft;
		},
		get: (id) => drafts.get(id),
		getRequest: (id) => requests.get(id),
		async remove(id) {
			await deleted.set(id, true, ttlMs);
			await Promise.all([drafts.delete(id), requests.delete(id)]);
		},
		wasDeleted: async (id) => (await deleted.get(id)) === true,
	};
}
