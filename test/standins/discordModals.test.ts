import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Events, type Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorCode, handleNext, rawCallback, useDiscordHarness } from './discordHarness.js';
import { promptModalWithLabels, REFINE_INPUT, refineModalInRow, showModalOnCommand } from './discordModalFixtures.js';

const harness = useDiscordHarness();

async function draftWithRefineButton(): Promise<void> {
	const { standin, bot } = harness();
	const refine = new ButtonBuilder().setCustomId('refine:d1').setLabel('Refine…').setStyle(ButtonStyle.Secondary);
	const drafted = handleNext(bot, (interaction) =>
		interaction.isChatInputCommand()
			? interaction.reply({
					content: 'Draft',
					components: [new ActionRowBuilder<ButtonBuilder>().addComponents(refine)],
				})
			: Promise.reject(new Error('expected a slash command')),
	);
	standin.sendCommand({ name: 'playlist', options: { prompt: 'rain' } });
	await drafted;
}

// A modal submit answered with raw callbacks of the types Discord refuses, then a reply.
async function answerLabelSubmit(interaction: Interaction) {
	if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
	const refused = [
		await rawCallback(interaction.client, interaction, { type: 7, data: { content: 'x' } }),
		await rawCallback(interaction.client, interaction, { type: 6 }),
		await rawCallback(interaction.client, interaction, { type: 9, data: promptModalWithLabels().toJSON() }),
	];
	const reply = await interaction.reply({ content: 'Got it', withResponse: true });
	return {
		refused: refused.map(errorCode),
		fromMessage: interaction.isFromMessage(),
		prompt: interaction.fields.getTextInputValue('prompt'),
		trigger: reply.resource?.message?.interactionMetadata?.triggeringInteractionMetadata?.id,
	};
}

describe('Discord stand-in: modals', () => {
	it('opens a modal from a button; the submit carries the message, which the bot may update', async () => {
		const { standin, bot } = harness();
		bot.on(Events.InteractionCreate, (interaction) => {
			if (interaction.isButton()) void interaction.showModal(refineModalInRow());
			if (interaction.isModalSubmit() && interaction.isFromMessage())
				void interaction.update({ content: `Refined: ${interaction.fields.getTextInputValue('refine')}` });
		});
		await draftWithRefineButton();
		const draft = standin.lastMessage;

		const click = standin.sendButton({ customId: 'refine:d1' });
		await click.waitForCallback();
		const submit = standin.submitModal({ interaction: click, values: { refine: 'more saxophone' } });
		await submit.waitForCallback();

		expect(click.callbacks[0]?.type).toBe(9);
		expect(click.modal).toEqual({
			custom_id: 'refine-modal:d1',
			title: 'Refine the playlist',
			components: [{ type: 1, components: [{ ...REFINE_INPUT, min_length: 3, max_length: 200 }] }],
		});
		expect(click.message).toBeUndefined();
		expect(submit.type).toBe(5);
		expect(submit.payload.data).toEqual({
			custom_id: 'refine-modal:d1',
			components: [{ type: 1, id: 1, components: [{ type: 4, id: 2, custom_id: 'refine', value: 'more saxophone' }] }],
		});
		expect(submit.payload.message).toMatchObject({ id: draft?.id, content: 'Draft' });
		expect(submit.callbacks[0]?.type).toBe(7);
		expect(standin.messages.get(draft?.id ?? '')?.content).toBe('Refined: more saxophone');
		expect(standin.violations).toEqual([]);
	});

	it('submits the Label layout as Discord does; without a message, update is refused', async () => {
		const { standin, bot } = harness();
		const command = await showModalOnCommand(harness(), promptModalWithLabels());
		const answered = handleNext(bot, answerLabelSubmit);

		const submit = standin.submitModal({ modal: command.modal, values: { prompt: 'late night drive' } });

		expect(await answered).toEqual({
			refused: [50035, 50035, 50035],
			fromMessage: false,
			prompt: 'late night drive',
			trigger: command.id,
		});
		expect(submit.payload.data).toEqual({
			custom_id: 'prompt-modal',
			components: [
				{ type: 10, id: 1 },
				{ type: 18, id: 2, component: { type: 4, id: 3, custom_id: 'prompt', value: 'late night drive' } },
				{ type: 18, id: 4, component: { type: 4, id: 5, custom_id: 'mood', value: '' } },
				{ type: 18, id: 6, component: { type: 4, id: 7, custom_id: 'tempo', value: 'medium' } },
			],
		});
		expect(submit.payload).not.toHaveProperty('message');
		expect(standin.violations.map((violation) => violation.problems[0])).toEqual([
			'type: Callback type 7 is not valid for interaction type 5 (the modal was not opened from a message component) (INTERACTION_CALLBACK_TYPE_INVALID)',
			'type: Callback type 6 is not valid for interaction type 5 (the modal was not opened from a message component) (INTERACTION_CALLBACK_TYPE_INVALID)',
			'type: Callback type 9 is not valid for interaction type 5 (INTERACTION_CALLBACK_TYPE_INVALID)',
		]);
	});

	it('refuses submissions the Discord client would not send', async () => {
		const { standin } = harness();
		const command = await showModalOnCommand(harness(), refineModalInRow());
		const labelled = await showModalOnCommand(harness(), promptModalWithLabels());
		const submit =
			(values: Record<string, string>, extra: Record<string, unknown> = {}) =>
			() =>
				standin.submitModal({ interaction: command, values, ...extra });

		expect(submit({ refine: 'ab' })).toThrow(/"refine" takes 3–200 characters, not 2/);
		expect(submit({ refine: 'x'.repeat(201) })).toThrow(/takes 3–200 characters, not 201/);
		expect(submit({})).toThrow(/"refine" is required/);
		expect(submit({ refine: 'okay', tempo: 'slow' })).toThrow(/has no text input "tempo"/);
		expect(submit({ refine: 'okay' }, { userId: '1300000000000000999' })).toThrow(/was shown to user/);
		expect(() => standin.submitModal({ modal: 'prompt-modal', values: { prompt: 'a', mood: 'calm\nslow' } })).toThrow(
			/single-line input/,
		);
		expect(() => standin.submitModal({ modal: 'nope', values: {} })).toThrow(/shown no modal "nope"/);
		const plain = standin.sendCommand({ name: 'playlist', options: { prompt: 'y' } });
		expect(() => standin.submitModal({ interaction: plain, values: {} })).toThrow(/not answered with a modal/);
		expect(standin.interactions.filter((interaction) => interaction.type === 5)).toEqual([]);
		expect(labelled.modal?.custom_id).toBe('prompt-modal');
	});
});
