import type { DiscordContext, StandinGuild } from './context.js';
import type { Json } from './json.js';

// The plain Discord objects the stand-in hands out (users, members, channels, guilds, the application), with the
// fields discord.js reads. Pure builders: callers pass the clock's `now` where a timestamp is needed.

// View channel, send messages, embed links, attach files, read history, external emojis, reactions, app commands.
export const BOT_PERMISSIONS = String(
	(1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 18n) | (1n << 6n) | (1n << 31n),
);
const OWNER_ID = '1300000000000000999';
const EVERYONE_ROLE = {
	name: '@everyone',
	color: 0,
	hoist: false,
	icon: null,
	unicode_emoji: null,
	position: 0,
	permissions: BOT_PERMISSIONS,
	managed: false,
	mentionable: false,
	flags: 0,
};
// Everything GUILD_CREATE carries that discord.js reads, with a fresh guild's values.
const GUILD_DEFAULTS = {
	icon: null,
	splash: null,
	discovery_splash: null,
	banner: null,
	description: null,
	rules_channel_id: null,
	public_updates_channel_id: null,
	safety_alerts_channel_id: null,
	vanity_url_code: null,
	application_id: null,
	widget_enabled: false,
	large: false,
	unavailable: false,
	lazy: true,
	member_count: 2,
	afk_channel_id: null,
	afk_timeout: 300,
	verification_level: 0,
	default_message_notifications: 0,
	explicit_content_filter: 0,
	mfa_level: 0,
	nsfw_level: 0,
	nsfw: false,
	premium_tier: 0,
	premium_subscription_count: 0,
	premium_progress_bar_enabled: false,
	system_channel_flags: 0,
	preferred_locale: 'en-US',
	max_members: 500_000,
	max_video_channel_users: 25,
	emojis: [],
	stickers: [],
	features: [],
	threads: [],
	presences: [],
	voice_states: [],
	stage_instances: [],
	guild_scheduled_events: [],
	soundboard_sounds: [],
};

export function buildBotUser(id: string, username: string): Json {
	return {
		id,
		username,
		global_name: null,
		discriminator: '0',
		avatar: null,
		bot: true,
		verified: true,
		mfa_enabled: false,
		flags: 0,
		public_flags: 0,
	};
}

export function buildUser(id: string, username: string): Json {
	return {
		id,
		username,
		global_name: username,
		discriminator: '0',
		avatar: null,
		public_flags: 0,
		flags: 0,
		banner: null,
		accent_color: null,
		avatar_decoration_data: null,
	};
}

export function buildMember(user: Json, now: number, permissions?: string): Json {
	const member = {
		user,
		nick: null,
		avatar: null,
		banner: null,
		roles: [],
		joined_at: new Date(now - 86_400_000).toISOString(),
		premium_since: null,
		deaf: false,
		mute: false,
		pending: false,
		flags: 0,
		communication_disabled_until: null,
	};
	return permissions === undefined ? member : { ...member, permissions };
}

export function buildChannel(id: string, guildId: string): Json {
	return {
		id,
		type: 0,
		guild_id: guildId,
		name: 'general',
		position: 0,
		permission_overwrites: [],
		nsfw: false,
		parent_id: null,
		topic: null,
		last_message_id: null,
		rate_limit_per_user: 0,
		flags: 0,
	};
}

export function buildGuild(context: DiscordContext, guild: StandinGuild, index: number): Json {
	const everyone = { ...EVERYONE_ROLE, id: guild.id };
	const botMember = buildMember(context.botUser, context.clock.now());
	return {
		...GUILD_DEFAULTS,
		id: guild.id,
		name: `Stand-in Guild ${index + 1}`,
		owner_id: OWNER_ID,
		system_channel_id: guild.channelId,
		joined_at: botMember.joined_at,
		roles: [everyone],
		channels: [buildChannel(guild.channelId, guild.id)],
		members: [botMember],
	};
}

export function buildApplication(context: DiscordContext): Json {
	return {
		id: context.applicationId,
		name: context.botUser.username,
		icon: null,
		description: '',
		summary: '',
		type: null,
		hook: true,
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: '0'.repeat(64),
		flags: 0,
		bot: context.botUser,
		owner: buildUser(OWNER_ID, 'owner'),
		team: null,
		redirect_uris: [],
		interactions_endpoint_url: null,
		approximate_guild_count: context.guilds.length,
		integration_types_config: { '0': {} },
		tags: [],
	};
}
