import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { PLAIN_FRAMING, type Audience } from '../../src/errorText/errorKind.js';
import { ERROR_KINDS } from '../../src/errorText/errorKinds.js';
import { findErrorText } from '../../src/errorText/findErrorText.js';
import { UserError } from '../../src/replies/userError.js';
import * as serviceErrors from '../../src/services/errors.js';
import * as linkErrors from '../../src/services/linking/linkErrors.js';
import * as llmErrors from '../../src/services/llm/llmErrors.js';
import * as personalErrors from '../../src/services/personal/personalErrors.js';
import * as scopes from '../../src/services/spotify/scopes.js';
import { StoreError } from '../../src/services/store/storeContract.js';

// The table is read first match first: a kind placed after a broader one (UpstreamError before RateLimitedError)
// would silently never be shown. And a new typed failure in the services should not reach users as "something
// went wrong" by accident.

const AUDIENCES: Audience[] = ['user', 'owner', 'startup', 'page'];
const { UpstreamError } = serviceErrors;

const SAMPLES: Record<string, unknown> = {
	'user-error': new UserError('You already have a playlist in the making.'),
	'invalid-prompt': new serviceErrors.InvalidPromptError('Keep the description under 300 characters.'),
	config: new ConfigError(['DISCORD_TOKEN Required']),
	'personal-not-linked': new personalErrors.PersonalNotLinkedError('1001'),
	'missing-scope': new scopes.MissingScopeError(['user-top-read']),
	'not-own-playlist': new personalErrors.NotOwnPlaylistError(),
	'playlist-not-found': new personalErrors.PlaylistNotFoundError(),
	'not-linked': new linkErrors.NotLinkedError('1001'),
	'link-expired': new linkErrors.LinkExpiredError('1001'),
	'draft-not-found': new linkErrors.DraftNotFoundError('draft'),
	'nothing-found': new serviceErrors.NothingFoundError('polka on a theremin'),
	'rate-limited': new serviceErrors.RateLimitedError(600, false),
	'user-not-allowed': new serviceErrors.SpotifyUserNotAllowedError(),
	'spotify-credentials': new serviceErrors.SpotifyCredentialsError(),
	'llm-busy': new llmErrors.LlmBusyError(50),
	'llm-wait-expired': new llmErrors.LlmWaitExpiredError(),
	'model-not-found': new serviceErrors.ModelNotFoundError('qwen2.5'),
	'refused-grant': new UpstreamError('spotify', 'spotify answered 400: invalid_grant', 400, {
		cause: { statusCode: 400, body: { error: 'invalid_grant' } },
	}),
	'upstream-unreachable': new serviceErrors.UpstreamUnreachableError('ollama'),
	'upstream-timeout': new serviceErrors.UpstreamTimeoutError('spotify'),
	'upstream-unavailable': new UpstreamError('spotify', 'spotify answered 503: down', 503),
	upstream: new UpstreamError('ollama', 'ollama answered 400: bad request', 400),
	store: new StoreError('cannot open the database data/promptlist.sqlite for writing'),
	'discord-token': Object.assign(new Error('An invalid token was provided.'), { name: 'TokenInvalid' }),
};

function errorClasses(module: Record<string, unknown>): [string, unknown][] {
	return Object.entries(module)
		.filter(([, value]) => typeof value === 'function' && (value as { prototype: unknown }).prototype instanceof Error)
		.map(([name, value]) => [name, Object.create((value as { prototype: object }).prototype)]);
}

const explains = (error: unknown, audience: Audience) => ERROR_KINDS.some((kind) => kind.handles(error, audience));

describe('error table', () => {
	it('has one sample per kind, and kind names are unique', () => {
		const names = ERROR_KINDS.map((kind) => kind.name);
		expect(new Set(names).size).toBe(names.length);
		expect(Object.keys(SAMPLES).sort()).toEqual([...names].sort());
	});

	it.each(ERROR_KINDS.map((kind) => [kind.name, kind] as const))(
		'%s is shown wherever it has wording, not shadowed by an earlier kind',
		(name, kind) => {
			const sample = SAMPLES[name];
			const audiences = AUDIENCES.filter((audience) => kind.handles(sample, audience));
			expect(audiences).not.toEqual([]);
			for (const audience of audiences) {
				expect(ERROR_KINDS.find((other) => other.handles(sample, audience))?.name, audience).toBe(name);
				expect(findErrorText(sample, audience, PLAIN_FRAMING), audience).toBeTruthy();
			}
		},
	);

	it.each([
		...errorClasses(serviceErrors),
		...errorClasses(linkErrors),
		...errorClasses(llmErrors),
		...errorClasses(personalErrors),
		...errorClasses(scopes),
	])('tells a Discord user about %s in its own words', (_name, instance) => {
		expect(explains(instance, 'user')).toBe(true);
	});

	it.each([...errorClasses(serviceErrors), ...errorClasses(llmErrors)])(
		'tells the owner at the terminal about %s, which the pipeline can raise',
		(_name, instance) => {
			expect(explains(instance, 'owner')).toBe(true);
		},
	);
});
