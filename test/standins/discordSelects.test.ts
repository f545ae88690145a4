import { ActionRowBuilder, Events, StringSelectMenuBuilder, type Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorCode, handleNext, rawCallback, useDiscordHarness } from './discordHarness.js';

const harness = useDiscordHarness();

const TRACKS = ['t1', 't2', 't3', 't4'];

function removeTracksRow(): ActionRowBuilder<StringSelectMenuBuilder> {
	const select = new StringSelectMenuBuilder()
		.setCustomId('remove:d1')
		.setPlaceholder('Remove tracks')
		.setMinValues(1)
		.setMaxValues(3)
		.addOptions(TRACKS.map((value) => ({ label: `Track ${value}`, value })));
	return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select);
}

/** A raw message body with one action row, past discord.js's builders (which would refuse some of these). */
function selectBody(
	select: Record<string, unknown>,
	extra: unknown[] = [],
): { type: 4; data: Record<string, unknown> } {
	const component = { type: 3, custom_id: 'remove:d1', options: [{ label: 'One', value: 't1' }], ...select };
	return { type: 4, data: { content: 'Pick', components: [{ type: 1, components: [component, ...extra] }] } };
}

const SAVE_BUTTON = { type: 2, style: 1, custom_id: 'save', label: 'Save' };
const tracks = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ label: `Track ${index}`, value: `t${index}` }));

// Each callback body Discord refuses, with the problem the stand-in reports (under `data.` for a callback).
const REFUSED: Array<[unknown, string]> = [
	[
		selectBody({ options: tracks(26) }),
		'components[0].components[0].options: Must be 25 or fewer in length. (BASE_TYPE_MAX_LENGTH)',
	],
	[
		selectBody({ options: [{ label: 'Long', value: 'v'.repeat(101) }] }),
		'components[0].components[0].options[0].value: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)',
	],
	[
		selectBody({}, [SAVE_BUTTON]),
		'components[0].components: A select menu must be alone in its action row. (COMPONENT_LAYOUT_WIDTH_EXCEEDED)',
	],
	[
		selectBody({
			options: [
				{ label: 'A', value: 'x' },
				{ label: 'B', value: 'x' },
			],
		}),
		'components[0].components[0].options[1].value: The specified option value is already used (SELECT_COMPONENT_OPTION_VALUE_DUPLICATED)',
	],
	[
		selectBody({ max_values: 3 }),
		'components[0].components[0].max_values: int value should be less than or equal to 1. (NUMBER_TYPE_MAX)',
	],
];

async function draftWithSelect(): Promise<void> {
	const { standin, bot } = harness();
	const replied = handleNext(bot, (interaction) =>
		interaction.isChatInputCommand()
			? interaction.reply({ content: 'Draft', components: [removeTracksRow()] })
			: Promise.reject(new Error('expected a slash command')),
	);
	standin.sendCommand({ name: 'playlist', options: { prompt: 'rain' } });
	await replied;
}

describe('Discord stand-in: string selects', () => {
	it('delivers a multi-select choice as Discord does, and discord.js reads the values', async () => {
		const { standin, bot } = harness();
		await draftWithSelect();
		const chosen = handleNext(bot, async (interaction) => {
			if (!interaction.isStringSelectMenu()) throw new Error(`unexpected interaction type ${interaction.type}`);
			await interaction.update({ content: `Removed ${interaction.values.join(', ')}`, components: [] });
			return interaction.values;
		});

		const handle = standin.sendSelect({ customId: 'remove:d1', values: ['t1', 't3'] });

		expect(await chosen).toEqual(['t1', 't3']);
		expect(handle.payload.data).toEqual({ custom_id: 'remove:d1', component_type: 3, values: ['t1', 't3'] });
		expect(handle.callbacks[0]?.type).toBe(7);
		expect(standin.lastMessage?.content).toBe('Removed t1, t3');
		expect(standin.violations).toEqual([]);
	});

	it('refuses choices no user could make', async () => {
		const { standin } = harness();
		await draftWithSelect();
		const choose = (values: string[]) => () => standin.sendSelect({ customId: 'remove:d1', values });

		expect(choose(['t9'])).toThrow(/has no option "t9"/);
		expect(choose(['t1', 't1'])).toThrow(/chosen once only/);
		expect(choose([])).toThrow(/takes 1–3 values, not 0/);
		expect(choose(['t1', 't2', 't3', 't4'])).toThrow(/takes 1–3 values, not 4/);
		expect(() => standin.sendButton({ customId: 'remove:d1' })).toThrow(/has type 3, not 2/);
		expect(standin.interactions).toHaveLength(1);
	});

	it('rejects select menus Discord rejects, when the bot sends or edits the message', async () => {
		const { standin, bot } = harness();
		const handled = handleNext(bot, async (interaction: Interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
			const codes = [];
			for (const [body] of REFUSED) codes.push(errorCode(await rawCallback(bot, interaction, body)));
			await interaction.deferReply();
			const shared = selectBody({}, [SAVE_BUTTON]).data.components as never;
			const edit = await interaction.editReply({ components: shared }).catch((error: unknown) => error);
			return [...codes, errorCode(edit)];
		});

		standin.sendCommand({ name: 'playlist', options: { prompt: 'limits' } });

		expect(await handled).toEqual([...REFUSED.map(() => 50035), 50035]);
		expect(standin.violations.map((violation) => violation.problems)).toEqual([
			...REFUSED.map(([, problem]) => [`data.${problem}`]),
			[REFUSED[2]?.[1]],
		]);
	});

	it('lets a select be used again after the bot edits its message', async () => {
		const { standin, bot } = harness();
		await draftWithSelect();
		bot.on(Events.InteractionCreate, (interaction) => {
			if (interaction.isStringSelectMenu()) void interaction.update({ components: [removeTracksRow()] });
		});
		const first = standin.sendSelect({ customId: 'remove:d1', values: ['t2'] });
		await first.waitForCallback();
		const second = standin.sendSelect({ customId: 'remove:d1', values: ['t4'] });
		await second.waitForCallback();

		expect(second.payload.message).toMatchObject({ id: first.message?.id });
		expect(second.callbacks[0]?.type).toBe(7);
	});
});
