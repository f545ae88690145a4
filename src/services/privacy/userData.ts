import type { Logger } from '../../log.js';
import type { LinkedAccount } from '../linking/linkedAccounts.js';
import type { Linking } from '../linking/linkFlow.js';
import type { Drafts } from '../pipeline/drafts.js';
import type { Pipeline } from '../pipeline/playlistPipeline.js';
import type { PersonalPlaylists } from '../personal/personalPlaylists.js';
import type { PlaylistSaver } from '../saving/playlistSaver.js';
import type { Store } from '../store/createStore.js';
import type { UserIndex } from '../store/userIndex.js';
import type { UserRateLimit } from '../store/userRateLimit.js';

// What the bot holds about one Discord user, and deleting it on request. Spotify's Developer Policy asks that a
// user who disconnects has their personal data deleted; Discord's asks the same on request.

export interface UserDataDeps {
	linking: Pick<Linking, 'getLink' | 'unlink'>;
	saver: Pick<PlaylistSaver, 'countSaves' | 'forgetSaves'>;
	drafts: Pick<Drafts, 'get' | 'getRequest' | 'remove' | 'ttlDays'>;
	/** Its cache holds each prompt's result, with the prompt. */
	pipeline: Pick<Pipeline, 'forget'>;
	/** What the personal features keep about the listener: top artists, playlists, taste playlists. */
	personal: Pick<PersonalPlaylists, 'summarize' | 'forget'>;
	index: UserIndex;
	rateLimits: Pick<UserRateLimit, 'forget'>[];
	/** Makes deleted rows unrecoverable from the database files too. */
	store: Pick<Store, 'compact'>;
	logger: Logger;
}

export interface UserDataSummary {
	account: LinkedAccount | null;
	/** Playlists the user asked for that are still kept. */
	playlists: number;
	/** Playlists the user saved to Spotify whose records are still kept. */
	saves: number;
	/** How long a playlist and its save records are kept. */
	keptDays: number;
	/** Spotify data about the listener kept for the personal features. */
	listener: Awaited<ReturnType<PersonalPlaylists['summarize']>>;
}

export interface DeletedData {
	wasLinked: boolean;
	playlists: number;
	saves: number;
}

export interface UserData {
	summarize(userId: string): Promise<UserDataSummary>;
	/**
	 * /unlink-spotify: the link and everything that ties the user to their Spotify account: the save records, what the
	 * personal features keep, and the playlists made from their Spotify data (`playlists` counts those).
	 */
	unlinkSpotify(userId: string): Promise<DeletedData>;
	/** "Delete my data": the link, the save records, the playlists they asked for, and their hourly counts. */
	deleteAll(userId: string): Promise<DeletedData>;
}

async function forgetSpotify(deps: UserDataDeps, userId: string): Promise<Omit<DeletedData, 'playlists'>> {
	const wasLinked = await deps.linking.unlink(userId);
	const saves = await deps.saver.forgetSaves(userId);
	await deps.personal.forget(userId);
	return { wasLinked, saves };
}

/** Drafts made from the listener's Spotify data (taste, library, their playlist); returns how many were deleted. */
async function forgetPersonalDrafts(deps: UserDataDeps, userId: string): Promise<number> {
	const ids = await deps.index.list(userId, 'draft');
	const personal = await Promise.all(ids.map(async (id) => ((await deps.drafts.get(id))?.personal ? id : null)));
	const deleted = personal.filter((id): id is string => id !== null);
	await Promise.all(deleted.map((id) => deps.drafts.remove(id)));
	return deleted.length;
}

async function forgetDrafts(deps: UserDataDeps, userId: string): Promise<number> {
	const ids = await deps.index.list(userId, 'draft');
	await Promise.all(
		ids.map(async (id) => {
			const request = await deps.drafts.getRequest(id);
			if (request) await deps.pipeline.forget(request.prompt, request.length, request.minutes);
			await deps.drafts.remove(id);
		}),
	);
	await deps.index.forget(userId, 'draft');
	return ids.length;
}

export function createUserData(deps: UserDataDeps): UserData {
	return {
		summarize: async (userId) => ({
			account: await deps.linking.getLink(userId),
			playlists: (await deps.index.list(userId, 'draft')).length,
			saves: await deps.saver.countSaves(userId),
			keptDays: deps.drafts.ttlDays,
			listener: await deps.personal.summarize(userId),
		}),
		async unlinkSpotify(userId) {
			const spotify = await forgetSpotify(deps, userId);
			const deleted = { ...spotify, playlists: await forgetPersonalDrafts(deps, userId) };
			await deps.store.compact();
			deps.logger.info({ discordUserId: userId, saves: deleted.saves }, 'spotify data of a user deleted');
			return deleted;
		},
		async deleteAll(userId) {
			const spotify = await forgetSpotify(deps, userId);
			const playlists = await forgetDrafts(deps, userId);
			await Promise.all(deps.rateLimits.map((limit) => limit.forget(userId)));
			await deps.store.compact();
			deps.logger.info({ discordUserId: userId, playlists, saves: spotify.saves }, 'all data of a user deleted');
			return { ...spotify, playlists };
		},
	};
}
