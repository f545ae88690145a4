import { describe, expect, it } from 'vitest';
import { errorCode, handleNext, rawCallback, useDiscordHarness } from './discordHarness.js';
import { REFINE_INPUT, refineModalInRow } from './discordModalFixtures.js';

const harness = useDiscordHarness();

function modal(data: Record<string, unknown>, components: unknown[] = [{ type: 1, components: [REFINE_INPUT] }]) {
	return { type: 9, data: { custom_id: 'refine-modal', title: 'Refine', components, ...data } };
}
const row = (input: Record<string, unknown>) => ({ type: 1, components: [{ ...REFINE_INPUT, ...input }] });
const label = (input: Record<string, unknown>) => ({ type: 18, label: 'Refine', component: input });

// Each modal callback body Discord refuses, with the problem the stand-in reports for it.
const REFUSED: Array<[unknown, string]> = [
	[modal({ title: 't'.repeat(46) }), 'data.title: Must be 45 or fewer in length. (BASE_TYPE_MAX_LENGTH)'],
	[modal({ custom_id: 'c'.repeat(101) }), 'data.custom_id: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)'],
	[modal({}, []), 'data.components: Must be 1 or more in length. (BASE_TYPE_MIN_LENGTH)'],
	[
		modal(
			{},
			Array.from({ length: 6 }, (_, index) => row({ custom_id: `r${index}` })),
		),
		'data.components: Must be 5 or fewer in length. (BASE_TYPE_MAX_LENGTH)',
	],
	[
		modal({}, [row({ style: 3 })]),
		'data.components[0].components[0].style: Value must be one of [1,2]. (BASE_TYPE_CHOICES)',
	],
	[
		modal({}, [row({ max_length: 4001 })]),
		'data.components[0].components[0].max_length: int value should be less than or equal to 4000. (NUMBER_TYPE_MAX)',
	],
	[
		modal({}, [{ type: 1, components: [REFINE_INPUT, { ...REFINE_INPUT, custom_id: 'second' }] }]),
		'data.components[0].components: Must be 1 or fewer in length. (BASE_TYPE_MAX_LENGTH)',
	],
	[
		modal({}, [row({ label: undefined })]),
		'data.components[0].components[0].label: This field is required (BASE_TYPE_REQUIRED)',
	],
	[
		modal({}, [label(REFINE_INPUT)]),
		'data.components[0].component.label: A text input inside a Label cannot have its own label. (COMPONENT_LABEL_NOT_ALLOWED)',
	],
	[
		modal({}, [row({}), label({ type: 4, custom_id: 'refine', style: 1 })]),
		'data.components[1].component.custom_id: Component custom id cannot be duplicated (also at data.components.0.components.0) (COMPONENT_CUSTOM_ID_DUPLICATED)',
	],
];

describe('Discord stand-in: modal limits', () => {
	it('rejects modals Discord rejects, and records the one the bot then gets right', async () => {
		const { standin, bot } = harness();
		const handled = handleNext(bot, async (interaction) => {
			if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
			const codes = [];
			for (const [body] of REFUSED) codes.push(errorCode(await rawCallback(bot, interaction, body)));
			await interaction.showModal(refineModalInRow());
			return codes;
		});

		const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'limits' } });

		expect(await handled).toEqual(REFUSED.map(() => 50035));
		expect(standin.violations.map((violation) => violation.problems)).toEqual(REFUSED.map(([, problem]) => [problem]));
		expect(handle.callbacks).toHaveLength(1);
		expect(handle.modal?.custom_id).toBe('refine-modal:d1');
	});
});
