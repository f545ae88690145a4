import { randomBytes } from 'node:crypto';
import type { PlaylistDraft, PlaylistResult } from './playlistTypes.js';
import type { Store } from '../store/createStore.js';

export const DRAFT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// The request behind a draft outlives the draft itself, so Regenerate still works on an old message.
const REQUEST_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** Who asked for what; enough to run the pipeline again. */
export interface DraftRequest {
	prompt: string;
	length: number;
	authorId: string;
}

export interface Drafts {
	create(result: PlaylistResult, authorId: string): Promise<PlaylistDraft>;
	get(id: string): Promise<PlaylistDraft | undefined>;
	getRequest(id: string): Promise<DraftRequest | undefined>;
}

/** Draft ids go into button custom ids: short, URL-safe, unguessable. */
export function createDraftId(): string {
	return randomBytes(12).toString('base64url');
}

export function createDrafts(store: Store): Drafts {
	const drafts = store.collection<PlaylistDraft>('draft');
	const requests = store.collection<DraftRequest>('draft-request');
	return {
		async create(result, authorId) {
			const draft: PlaylistDraft = { ...result, id: createDraftId() };
			await requests.set(draft.id, { prompt: result.prompt, length: result.length, authorId }, REQUEST_TTL_MS);
			await drafts.set(draft.id, draft, DRAFT_TTL_MS);
			return draft;
		},
		get: (id) => drafts.get(id),
		getRequest: (id) => requests.get(id),
	};
}
