import { once } from 'node:events';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	Client,
	DiscordAPIError,
	DiscordjsError,
	DiscordjsErrorCodes,
	EmbedBuilder,
	Events,
	GatewayIntentBits,
	MessageFlags,
	Routes,
	type Interaction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';

const TOKEN = 'test-bot-token';
const APP_ID = '1300000000000000001';
const GUILD_ID = '1300000000000000100';

const PLAYLIST_COMMAND = {
	name: 'playlist',
	description: 'Turn a sentence into a playlist',
	options: [
		{ type: 3, name: 'prompt', description: 'What should it sound like?', required: true },
		{ type: 4, name: 'length', description: 'Number of tracks', min_value: 1, max_value: 50 },
		{ type: 5, name: 'public', description: 'Make the playlist public' },
	],
};

let standin: DiscordStandin;
let client: Client | undefined;

async function startClient(): Promise<Client> {
	const started = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
	client = started;
	const ready = once(started, Events.ClientReady);
	await started.login(TOKEN);
	await ready;
	return started;
}

/** Runs `handler` on the next interaction the client receives and settles with its outcome. */
function handleNext<T>(bot: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		bot.once(Events.InteractionCreate, (interaction) => {
			handler(interaction).then(resolve, reject);
		});
	});
}

function buttonRow(...ids: string[]): ActionRowBuilder<ButtonBuilder> {
	const buttons = ids.map((id) => new ButtonBuilder().setCustomId(id).setLabel(id).setStyle(ButtonStyle.Primary));
	return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons);
}

async function registerPlaylist(bot: Client): Promise<Array<{ id: string; name: string }>> {
	return (await bot.rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), {
		body: [PLAYLIST_COMMAND],
	})) as Array<{
		id: string;
		name: string;
	}>;
}

beforeEach(async () => {
	standin = await startDiscordStandin({ token: TOKEN, applicationId: APP_ID, guildIds: [GUILD_ID] });
});

afterEach(async () => {
	await client?.destroy();
	client = undefined;
	await standin.close();
});

describe('Discord stand-in with a real discord.js Client', () => {
	it('completes the gateway handshake and fills the guild cache', async () => {
		const bot = await startClient();

		expect(bot.user?.id).toBe(APP_ID);
		expect(bot.guilds.cache.get(GUILD_ID)?.name).toBe('Stand-in Guild 1');
		expect(bot.guilds.cache.get(GUILD_ID)?.channels.cache.get(standin.guilds[0]?.channelId ?? '')?.name).toBe(
			'general',
		);
		expect(standin.identifies).toHaveLength(1);
		expect(standin.identifies[0]).toMatchObject({ token: TOKEN, intents: GatewayIntentBits.Guilds, shard: [0, 1] });
		expect(standin.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toContain(
			'GET /gateway/bot 200',
		);
		expect(standin.gatewayConnections[0]).toContain('encoding=json');
	});

	it('stores bulk-overwritten guild commands, keeps their ids and counts the writes', async () => {
		const bot = await startClient();

		const first = await registerPlaylist(bot);
		const second = await registerPlaylist(bot);
		const readBack = (await bot.rest.get(Routes.applicationGuildCommands(APP_ID, GUILD_ID))) as typeof first;

		expect(first[0]?.name).toBe('playlist');
		expect(first[0]?.id).toMatch(/^\d{17,20}$/);
		expect(second[0]?.id).toBe(first[0]?.id);
		expect(readBack).toEqual(second);
		expect(standin.commandWrites).toBe(2);
		expect(standin.commands.guild[GUILD_ID]?.[0]).toMatchObject({ guild_id: GUILD_ID, application_id: APP_ID });
		expect(standin.commands.global).toEqual([]);
		expect(standin.violations).toEqual([]);
	});

	it('answers 401 without the bot token and 404 on unknown routes', async () => {
		const noAuth = await fetch(`${standin.apiUrl}/v10/users/@me`);
		const unknown = await fetch(`${standin.apiUrl}/v10/guilds/${GUILD_ID}/bans`, {
			headers: { authorization: `Bot ${TOKEN}` },
		});

		expect(noAuth.status).toBe(401);
		expect(await noAuth.json()).toEqual({ message: '401: Unauthorized', code: 0 });
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ message: '404: Not Found', code: 0 });
		expect(standin.unknownRequests.map((request) => request.path)).toEqual([`/guilds/${GUILD_ID}/bans`]);
	});

	it('delivers a slash command with typed option values', async () => {
		const bot = await startClient();
		const [registered] = await registerPlaylist(bot);
		const received = handleNext(bot, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error(`unexpected interaction type ${interaction.type}`);
			const response = await interaction.reply({ content: 'On it', withResponse: true });
			return {
				commandId: interaction.commandId,
				prompt: interaction.options.getString('prompt', true),
				length: interaction.options.getInteger('length'),
				isPublic: interaction.options.getBoolean('public'),
				userId: interaction.user.id,
				guildId: interaction.guildId,
				responseContent: response.resource?.message?.content,
			};
		});

		const handle = standin.sendCommand({
			name: 'playlist',
			options: { prompt: 'rainy sunday jazz', length: 12, public: true },
			userId: '1300000000000000777',
		});

		expect(await received).toEqual({
			commandId: registered?.id,
			prompt: 'rainy sunday jazz',
			length: 12,
			isPublic: true,
			userId: '1300000000000000777',
			guildId: GUILD_ID,
			responseContent: 'On it',
		});
		expect(handle.callbacks).toEqual([{ type: 4, data: expect.objectContaining({ content: 'On it' }) as unknown }]);
		expect(handle.message?.content).toBe('On it');
		expect(handle.message?.type).toBe(20);
		expect(() => standin.sendCommand({ name: 'playlist', options: { prompt: 'x', mood: 'x' } })).toThrow(
			/no option "mood"/,
		);
	});

	it('records deferReply + editReply, and refuses a second acknowledgement', async () => {
		const bot = await startClient();
		const handled = handleNext(bot, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
			await interaction.deferReply();
			const embed = new EmbedBuilder()
				.setTitle('Rainy Sunday Jazz')
				.setDescription('12 tracks')
				.setURL('https://example.com/p');
			await interaction.editReply({ embeds: [embed], components: [buttonRow('save:d1', 'retry:d1')] });
			const local = await interaction.reply('again').catch((error: unknown) => error);
			const raw = await bot.rest
				.post(Routes.interactionCallback(interaction.id, interaction.token), {
					body: { type: 4, data: { content: 'x' } },
					auth: false,
				})
				.catch((error: unknown) => error);
			return { local, raw };
		});

		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'rain' } });
		const { local, raw } = await handled;

		expect(local).toBeInstanceOf(DiscordjsError);
		expect((local as DiscordjsError).code).toBe(DiscordjsErrorCodes.InteractionAlreadyReplied);
		expect(raw).toBeInstanceOf(DiscordAPIError);
		expect((raw as DiscordAPIError).status).toBe(400);
		expect((raw as DiscordAPIError).code).toBe(40060);
		expect(handle.callbacks).toEqual([{ type: 5, data: { flags: 0 } }]);
		expect(handle.edits).toHaveLength(1);
		expect(handle.message?.flags).toBe(0);
		expect(handle.message?.embeds[0]).toMatchObject({
			type: 'rich',
			title: 'Rainy Sunday Jazz',
			description: '12 tracks',
		});
		expect(handle.message?.components[0]?.components).toMatchObject([
			{ custom_id: 'save:d1' },
			{ custom_id: 'retry:d1' },
		]);
		expect(handle.requests.map((request) => request.status)).toEqual([204, 200, 400]);
		expect(standin.violations).toEqual([]);
	});

	it('rejects a 4097-character embed description with 400 Invalid Form Body and records it', async () => {
		const bot = await startClient();
		const handled = handleNext(bot, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
			const body = { type: 4, data: { embeds: [{ title: 'Too long', description: 'x'.repeat(4097) }] } };
			const error = await bot.rest
				.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false })
				.catch((caught: unknown) => caught);
			await interaction.reply({ content: 'Short answer instead' });
			return error;
		});

		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'long' } });
		const error = await handled;

		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).status).toBe(400);
		expect((error as DiscordAPIError).code).toBe(50035);
		expect((error as DiscordAPIError).message).toContain('data.embeds[0].description[BASE_TYPE_MAX_LENGTH]');
		expect(standin.violations).toHaveLength(1);
		expect(standin.violations[0]?.path).toBe(`/interactions/${handle.id}/${handle.token}/callback`);
		expect(standin.violations[0]?.problems).toEqual([
			'data.embeds[0].description: Must be 4096 or fewer in length. (BASE_TYPE_MAX_LENGTH)',
		]);
		expect(handle.callbacks).toEqual([
			{ type: 4, data: expect.objectContaining({ content: 'Short answer instead' }) as unknown },
		]);
	});

	it('rejects components that builders accept but Discord does not (duplicate custom_id)', async () => {
		const bot = await startClient();
		const handled = handleNext(bot, (interaction) =>
			interaction.isChatInputCommand()
				? interaction
						.reply({ content: 'Pick', components: [buttonRow('pick:1', 'pick:1')] })
						.catch((error: unknown) => error)
				: Promise.resolve(null),
		);

		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'twins' } });
		const error = await handled;

		expect((error as DiscordAPIError).code).toBe(50035);
		expect(standin.violations[0]?.problems).toEqual([
			'data.components[0].components[1].custom_id: Component custom id cannot be duplicated (also at data.components.0.components.0) (COMPONENT_CUSTOM_ID_DUPLICATED)',
		]);
		expect(handle.callbacks).toEqual([]);
	});

	it('routes buttons by custom_id: ephemeral reply, then update of the clicked message', async () => {
		const bot = await startClient();
		bot.on(Events.InteractionCreate, (interaction) => {
			if (!interaction.isButton()) return;
			const [action] = interaction.customId.split(':');
			const reply =
				action === 'more'
					? interaction.reply({ content: 'Here are more tracks', flags: MessageFlags.Ephemeral })
					: interaction.update({ content: `Saved ${interaction.message.id}`, components: [] });
			void reply;
		});
		const command = handleNext(bot, (interaction) =>
			interaction.isChatInputCommand()
				? interaction.reply({ content: 'Draft ready', components: [buttonRow('more:d7', 'save:d7')] })
				: Promise.reject(new Error('expected a slash command')),
		);
		standin.sendCommand({ name: 'playlist', options: { prompt: 'dusk' } });
		await command;
		const draft = standin.lastMessage;
		if (!draft) throw new Error('the bot produced no message');

		const more = standin.sendButton({ customId: 'more:d7' });
		await more.waitFor((handle) => handle.message !== undefined);
		const save = standin.sendButton({ customId: 'save:d7', message: draft });
		await save.waitForCallback();

		expect(more.payload.message).toMatchObject({ id: draft.id });
		expect(more.callbacks[0]).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
		expect(more.message?.flags).toBe(MessageFlags.Ephemeral);
		expect(more.message?.id).not.toBe(draft.id);
		expect(save.callbacks[0]).toMatchObject({ type: 7, data: { content: `Saved ${draft.id}`, components: [] } });
		expect(save.message?.id).toBe(draft.id);
		expect(standin.messages.get(draft.id)?.content).toBe(`Saved ${draft.id}`);
		expect(() => standin.sendButton({ customId: 'save:d7', message: draft })).toThrow(/no component with custom_id/);
		expect(standin.violations).toEqual([]);
	});

	it('keeps serving interactions after a gateway disconnect (resume with replay)', async () => {
		const bot = await startClient();
		bot.on(Events.InteractionCreate, (interaction) => {
			if (interaction.isChatInputCommand()) void interaction.reply('still here');
		});

		standin.disconnectAll(4000);
		// Sent while the bot is disconnected: Discord replays it when the session resumes.
		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'after the storm' } });
		await handle.waitForCallback(8000);

		expect(handle.message?.content).toBe('still here');
		expect(standin.resumes).toBe(1);
		expect(standin.identifies).toHaveLength(1);
		expect(standin.gatewayConnections).toHaveLength(2);
	});

	it('answers 404 Unknown interaction to a callback for an interaction older than 15 minutes', async () => {
		const bot = await startClient();
		const handled = handleNext(bot, (interaction) =>
			interaction.isChatInputCommand()
				? interaction.reply('too late').catch((error: unknown) => error)
				: Promise.resolve(null),
		);

		const handle = standin.sendCommand({
			name: 'playlist',
			options: { prompt: 'old' },
			createdAt: Date.now() - 16 * 60_000,
		});
		const error = await handled;

		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).status).toBe(404);
		expect((error as DiscordAPIError).code).toBe(10062);
		expect(handle.requests.map((request) => request.status)).toEqual([404]);
		expect(handle.callbacks).toEqual([]);
	});

	it('expires the interaction token 15 minutes after the interaction', async () => {
		const bot = await startClient();
		const replied = handleNext(bot, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
			await interaction.reply('first');
			return interaction;
		});
		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'clock' } });
		const interaction = await replied;

		standin.advanceClock(15 * 60_000 + 1000);
		const error = await interaction.editReply('too late').catch((caught: unknown) => caught);

		expect((error as DiscordAPIError).status).toBe(401);
		expect((error as DiscordAPIError).code).toBe(50027);
		expect(handle.message?.content).toBe('first');
	});

	it('rate limits a route with 429 and retry-after, and discord.js retries', async () => {
		const bot = await startClient();
		standin.rateLimitNext(/\/commands$/, 0.3);

		const started = performance.now();
		const commands = await registerPlaylist(bot);
		const writes = standin.requests.filter((request) => request.method === 'PUT');

		expect(commands[0]?.name).toBe('playlist');
		expect(writes.map((request) => request.status)).toEqual([429, 200]);
		expect(performance.now() - started).toBeGreaterThanOrEqual(300);
		expect(standin.commandWrites).toBe(1);
	});
});
