import {
	ApplicationCommandType,
	ContextMenuCommandBuilder,
	DiscordAPIError,
	Routes,
	type Interaction,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { APP_ID, GUILD_ID, errorCode, handleNext, registerGuildCommands, useDiscordHarness } from './discordHarness.js';

const harness = useDiscordHarness();

const PLAYLIST = { name: 'playlist', description: 'Turn a sentence into a playlist', options: [] };
const MAKE_A_PLAYLIST = new ContextMenuCommandBuilder()
	.setName('Make a playlist')
	.setType(ApplicationCommandType.Message)
	.toJSON();
// The first bytes of a PNG file: enough for a test to tell the bot fetched the right thing.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a bot handling "Make a playlist" sees of the target message, image bytes included. */
async function readTarget(interaction: Interaction) {
	if (!interaction.isMessageContextMenuCommand()) throw new Error(`unexpected interaction ${interaction.type}`);
	const target = interaction.targetMessage;
	const image = target.attachments.first();
	const bytes = new Uint8Array(await (await fetch(image?.url ?? '')).arrayBuffer());
	await interaction.reply({ content: 'Listening to the picture' });
	return {
		commandId: interaction.commandId,
		content: target.content,
		author: target.author.id,
		contentType: image?.contentType,
		size: image?.size,
		bytes: [...bytes],
	};
}

/** The target as Discord resolves it: a whole message object, here a user's with only an image. */
function userImageMessage(id: string) {
	return expect.objectContaining({
		id,
		type: 0,
		channel_id: harness().standin.guilds[0]?.channelId,
		content: '',
		author: expect.objectContaining({ id: '1300000000000000600', username: 'poster' }),
		attachments: [expect.objectContaining({ filename: 'cover.png', content_type: 'image/png', width: 512 })],
		embeds: [],
		mentions: [],
		mention_roles: [],
		mention_everyone: false,
		pinned: false,
		timestamp: expect.any(String),
	}) as unknown;
}

async function putCommands(body: unknown[]): Promise<unknown> {
	return registerGuildCommands(harness().bot, body).then(
		() => undefined,
		(error: unknown) => error,
	);
}

describe('Discord stand-in: message context-menu commands', () => {
	it('registers message and user commands in the same bulk overwrite as the slash commands', async () => {
		const { standin, bot } = harness();
		const user = { type: 2, name: 'Playlist for them' };

		const registered = await registerGuildCommands(bot, [
			PLAYLIST,
			MAKE_A_PLAYLIST,
			user,
			{ type: 3, name: 'playlist' },
		]);

		expect(registered.map((command) => command.name)).toEqual([
			'playlist',
			'Make a playlist',
			'Playlist for them',
			'playlist',
		]);
		expect(standin.commands.guild[GUILD_ID]?.[1]).toMatchObject({ type: 3, name: 'Make a playlist', description: '' });
		expect(standin.violations).toEqual([]);
	});

	it('rejects context-menu commands Discord rejects', async () => {
		const { standin, bot } = harness();
		const many = Array.from({ length: 16 }, (_, index) => ({ type: 3, name: `Make playlist ${index}` }));
		const errors = [
			await putCommands([{ ...MAKE_A_PLAYLIST, description: 'Turns a message into a playlist' }]),
			await putCommands([{ ...MAKE_A_PLAYLIST, options: [{ type: 3, name: 'mood', description: 'Mood' }] }]),
			await putCommands([{ type: 3, name: 'M'.repeat(33) }]),
			await putCommands([MAKE_A_PLAYLIST, MAKE_A_PLAYLIST]),
			await putCommands(many),
			await putCommands([{ ...PLAYLIST, name: 'Make a playlist' }]),
		];
		await registerGuildCommands(bot, many.slice(0, 15));
		const sixteenth = await bot.rest
			.post(Routes.applicationGuildCommands(APP_ID, GUILD_ID), { body: MAKE_A_PLAYLIST })
			.catch((error: unknown) => error);

		expect(errors.map(errorCode)).toEqual([50035, 50035, 50035, 50035, 50035, 50035]);
		expect(standin.violations.map((violation) => violation.problems)).toEqual([
			[
				'[0].description: Context menu commands cannot have a description. (APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_NOT_ALLOWED)',
			],
			[
				'[0].options: Context menu commands cannot have options. (APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS_NOT_ALLOWED)',
			],
			['[0].name: Must be 32 or fewer in length. (BASE_TYPE_MAX_LENGTH)'],
			['[1].name: Application command names must be unique (Make a playlist) (APPLICATION_COMMANDS_DUPLICATE_NAME)'],
			['(body): Must be 15 or fewer MESSAGE commands (16). (BASE_TYPE_MAX_LENGTH)'],
			['[0].name: Command name is invalid (Make a playlist) (APPLICATION_COMMAND_INVALID_NAME)'],
		]);
		expect(sixteenth).toBeInstanceOf(DiscordAPIError);
		expect((sixteenth as DiscordAPIError).code).toBe(30032);
		expect(standin.commands.guild[GUILD_ID]).toHaveLength(15);
	});

	it('delivers the command on an image-only message, resolved in full; the bot reads it and fetches the image', async () => {
		const { standin, bot } = harness();
		const [, registered] = await registerGuildCommands(bot, [PLAYLIST, MAKE_A_PLAYLIST]);
		const handled = handleNext(bot, readTarget);

		const handle = standin.sendMessageCommand({
			name: 'Make a playlist',
			message: { attachments: [{ filename: 'cover.png', data: PNG }] },
			userId: '1300000000000000777',
		});
		const seen = await handled;

		const targetId = String((handle.payload.data as { target_id: string }).target_id);
		expect(seen).toEqual({
			commandId: registered?.id,
			content: '',
			author: '1300000000000000600',
			contentType: 'image/png',
			size: PNG.length,
			bytes: [...PNG],
		});
		expect(handle.type).toBe(2);
		expect(handle.payload).not.toHaveProperty('message');
		expect(handle.payload.data).toMatchObject({ id: registered?.id, name: 'Make a playlist', type: 3 });
		expect(handle.payload.data).toHaveProperty('resolved', { messages: { [targetId]: userImageMessage(targetId) } });
		expect(handle.message).toMatchObject({ type: 23, interaction_metadata: { type: 2, target_message_id: targetId } });
	});

	it('targets a message the bot sent, and refuses a command that is not registered as a message command', async () => {
		const { standin, bot } = harness();
		await registerGuildCommands(bot, [PLAYLIST, MAKE_A_PLAYLIST]);
		const answered = handleNext(bot, (interaction) =>
			interaction.isChatInputCommand() ? interaction.reply('Rainy Sunday Jazz') : Promise.resolve(undefined),
		);
		standin.sendCommand({ name: 'playlist' });
		await answered;
		const own = standin.lastMessage;
		if (!own) throw new Error('the bot produced no message');

		const handle = standin.sendMessageCommand({ name: 'Make a playlist', message: own });

		expect((handle.payload.data as { target_id: string }).target_id).toBe(own.id);
		expect(handle.payload.channel_id).toBe(own.channel_id);
		expect(() => standin.sendMessageCommand({ name: 'playlist', message: own })).toThrow(
			/No message command "playlist" is registered \(registered: Make a playlist\)/,
		);
	});
});
