import { DEFAULT_DRAFT_TTL_DAYS, DEFAULT_USER_LIMITS, type BotConfig } from '../config.js';
import type { Logger } from '../log.js';
import { createDrafts, type Drafts } from '../services/pipeline/drafts.js';
import { createUserData, type UserData } from '../services/privacy/userData.js';
import type { Store } from '../services/store/createStore.js';
import { createUserIndex } from '../services/store/userIndex.js';
import { createUserRateLimit, type UserRateLimit } from '../services/store/userRateLimit.js';
import type { LinkingServices } from './linkingServices.js';
import type { PersonalServices } from './personalServices.js';
import type { PipelineServices } from './pipelineServices.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface UserServices {
	drafts: Drafts;
	/** Per user and hour, across every process: playlists made (with Regenerates) and saves. */
	userLimits: { playlists: UserRateLimit; saves: UserRateLimit };
	/** What the bot holds about a user, and deleting it. */
	userData: UserData;
}

export const draftTtlMs = (config: Pick<BotConfig, 'draftTtlDays'>) =>
	(config.draftTtlDays ?? DEFAULT_DRAFT_TTL_DAYS) * DAY_MS;

/** What the bot keeps per user: drafts, hourly limits, and the view and deletion of it all. */
export function createUserServices(
	config: BotConfig,
	store: Store,
	parts: Pick<LinkingServices, 'linking' | 'saver'> &
		Pick<PipelineServices, 'pipeline'> &
		PersonalServices & { logger: Logger },
): UserServices {
	const { logger, ...services } = parts;
	const limits = config.userLimits ?? DEFAULT_USER_LIMITS;
	const userLimits = {
		playlists: createUserRateLimit({ store, name: 'playlist', limit: limits.playlistsPerHour, windowMs: HOUR_MS }),
		saves: createUserRateLimit({ store, name: 'save', limit: limits.savesPerHour, windowMs: HOUR_MS }),
	};
	const index = createUserIndex(store);
	const drafts = createDrafts(store, { ttlMs: draftTtlMs(config), index });
	const userData = createUserData({
		...services,
		drafts,
		index,
		rateLimits: Object.values(userLimits),
		store,
		logger: logger.child({ module: 'user-data' }),
	});
	return { drafts, userLimits, userData };
}
