import { randomUUID } from 'node:crypto';
import KeyvRedis, { createClient, type RedisClientType } from '@keyv/redis';
import Keyv from 'keyv';
import { TimeoutError, withTimeout } from '../retry.js';
import { createTokenClaims } from './claimTokens.js';
import { createKeyvCollection, releaseOnce, SLOT_LINE_TTL_MS, StoreError, type Store } from './storeContract.js';

// Every key this bot writes starts with `promptlist:`, so a Redis shared with other apps stays tidy.
const NAMESPACE = 'promptlist';
const CONNECT_TIMEOUT_MS = 3_000;
const RECONNECT_MAX_DELAY_MS = 2_000;

// Redis takes whole milliseconds, at least one.
const wholeMs = (ms: number) => Math.max(1, Math.round(ms));

// Release and extend touch the claim only while it holds this handle's token: once expired it may be someone else's.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
// Leases are members of a sorted set scored by their expiry on Redis's own clock (processes' clocks may differ):
// drop the expired, count, add — in one script, so no other client runs in between.
// KEYS: the slot's leases (a sorted set by expiry), the line (a hash waiter -> "ticket:seen", with its ticket counter).
// ARGV: limit, lease ms, lease id, waiter, line ttl ms.
const ACQUIRE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
local waiter = ARGV[4]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local mine = nil
local ahead = false
if waiter ~= '' then
	local entries = redis.call('HGETALL', KEYS[2])
	local others = {}
	for i = 1, #entries, 2 do
		local since, seen = string.match(entries[i + 1], '^(%d+):(%d+)$')
		since = tonumber(since)
		if entries[i] == '#ticket' then
			-- the line's ticket counter, not a waiter
		elseif tonumber(seen) + tonumber(ARGV[5]) < now then
			redis.call('HDEL', KEYS[2], entries[i])
		elseif entries[i] == waiter then
			mine = since
		else
			table.insert(others, { since, entries[i] })
		end
	end
	-- Who joined the line earlier (a lower ticket) is ahead.
	for _, other in ipairs(others) do
		if mine == nil or other[1] < mine then ahead = true end
	end
end
if ahead or redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
	if waiter ~= '' then
		if mine == nil then mine = redis.call('HINCRBY', KEYS[2], '#ticket', 1) end
		redis.call('HSET', KEYS[2], waiter, mine .. ':' .. now)
		redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]) * 2)
	end
	return 0
end
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[3])
if redis.call('PTTL', KEYS[1]) < leaseMs then redis.call('PEXPIRE', KEYS[1], leaseMs) end
if waiter ~= '' then redis.call('HDEL', KEYS[2], waiter) end
return 1`;

/** The URL as it may be shown: without its password. */
function describeRedisUrl(databaseUrl: string): string {
	try {
		const url = new URL(databaseUrl);
		if (url.password) url.password = 'redacted';
		return url.toString();
	} catch {
		return 'the Redis URL in DATABASE_URL';
	}
}

/** Error texts from the client could quote the URL: cut its password out, as written and decoded. */
function withoutPassword(text: string, databaseUrl: string): string {
	const password = URL.canParse(databaseUrl) ? new URL(databaseUrl).password : '';
	if (!password) return text;
	const decoded = (() => {
		try {
			return decodeURIComponent(password);
		} catch {
			return password;
		}
	})();
	return [password, decoded].reduce((result, secret) => result.split(secret).join('***'), text);
}

/** Connects within CONNECT_TIMEOUT_MS or throws a StoreError; later drops reconnect with backoff instead. */
async function connect(databaseUrl: string): Promise<RedisClientType> {
	let started = false;
	const client = createClient({
		url: databaseUrl,
		// While Redis is away, commands fail at once (the user gets an answer, /healthz says so) rather than queue.
		disableOfflineQueue: true,
		socket: {
			connectTimeout: CONNECT_TIMEOUT_MS,
			// Giving up at start makes a wrong URL one clear error, not a process retrying forever.
			reconnectStrategy: (retries, cause) => (started ? Math.min(100 * 2 ** retries, RECONNECT_MAX_DELAY_MS) : cause),
		},
	});
	// Errors surface through the commands; without a listener node-redis would crash the process.
	client.on('error', () => undefined);
	try {
		// A server that accepts the connection but never answers would otherwise hold connect() open forever.
		await withTimeout(client.connect(), CONNECT_TIMEOUT_MS);
		started = true;
		return client;
	} catch (error) {
		// A refused connection has closed the client already; a silent server's is still trying.
		if (client.isOpen) client.destroy();
		const reason =
			error instanceof TimeoutError
				? `no answer within ${error.ms} ms`
				: withoutPassword((error as Error).message, databaseUrl);
		throw new StoreError(`cannot connect to Redis at ${describeRedisUrl(databaseUrl)}: ${reason}`);
	}
}

function createSlots(client: RedisClientType): Pick<Store, 'acquireSlot'> {
	return {
		acquireSlot: async (name, limit, leaseMs, line) => {
			const slotKey = `${NAMESPACE}:slot:${name}`;
			const lineKey = `${NAMESPACE}:slot-line:${line?.line ?? name}`;
			const lease = randomUUID();
			const args = [String(limit), String(wholeMs(leaseMs)), lease, line?.waiter ?? '', String(SLOT_LINE_TTL_MS)];
			if ((await client.eval(ACQUIRE, { keys: [slotKey, lineKey], arguments: args })) !== 1) return null;
			return releaseOnce(() => client.zRem(slotKey, lease));
		},
	};
}

function createClaims(client: RedisClientType): Pick<Store, 'claim' | 'extend' | 'release'> {
	const claimKey = (key: string) => `${NAMESPACE}:claim:${key}`;
	return createTokenClaims({
		take: async (key, token, ttlMs) => {
			const expiration = { type: 'PX', value: wholeMs(ttlMs) } as const;
			return (await client.set(claimKey(key), token, { condition: 'NX', expiration })) === 'OK';
		},
		extend: async (key, token, ttlMs) => {
			const args = [token, String(wholeMs(ttlMs))];
			return (await client.eval(EXTEND, { keys: [claimKey(key)], arguments: args })) === 1;
		},
		drop: async (key, token) => {
			await client.eval(RELEASE, { keys: [claimKey(key)], arguments: [token] });
		},
	});
}

/** keyv over Redis, plus claims and slots with Redis's own atomic commands; fails fast with a StoreError. */
export async function createRedisStore(databaseUrl: string): Promise<Store> {
	const client = await connect(databaseUrl);
	const adapter = new KeyvRedis<unknown>(client, { keyPrefixSeparator: ':', throwOnErrors: true });
	const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, useKeyPrefix: false, throwOnErrors: true });
	keyv.on('error', () => undefined);

	return {
		kind: 'redis',
		collection: (name) => createKeyvCollection(keyv, name),
		...createClaims(client),
		...createSlots(client),
		ping: async () => {
			try {
				return (await client.ping()) === 'PONG';
			} catch {
				return false;
			}
		},
		// Redis expires keys itself.
		purgeExpired: () => Promise.resolve(),
		// DEL removed the keys; what Redis persists to disk (RDB, AOF) is the Redis server's own to configure.
		compact: () => Promise.resolve(),
		close: async () => {
			if (!client.isOpen) return;
			// close() waits for commands in flight; while reconnecting there is nothing to wait for.
			await (client.isReady ? client.close() : Promise.resolve(client.destroy()));
		},
	};
}
