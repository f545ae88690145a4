import {
	ActionRowBuilder,
	LabelBuilder,
	ModalBuilder,
	TextDisplayBuilder,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import type { InteractionHandle } from '../../standins/discord.js';
import { handleNext, type Harness } from './discordHarness.js';

// The modals the stand-in's modal tests show: the Refine… modal in the older action-row layout, and a prompt
// modal in the newer Label layout, as discord.js 14 builds them.

export const REFINE_INPUT = { type: 4, custom_id: 'refine', style: 2, label: 'What should change?' };

/** The Refine… modal in the older layout: an action row holding one labelled paragraph input. */
export function refineModalInRow(): ModalBuilder {
	const input = new TextInputBuilder()
		.setCustomId('refine')
		.setLabel('What should change?')
		.setStyle(TextInputStyle.Paragraph)
		.setMinLength(3)
		.setMaxLength(200);
	return new ModalBuilder()
		.setCustomId('refine-modal:d1')
		.setTitle('Refine the playlist')
		.addActionRowComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
}

/** The newer layout: a text display, then Labels wrapping the inputs. */
export function promptModalWithLabels(): ModalBuilder {
	const prompt = new TextInputBuilder().setCustomId('prompt').setStyle(TextInputStyle.Paragraph).setMaxLength(300);
	const mood = new TextInputBuilder().setCustomId('mood').setStyle(TextInputStyle.Short).setRequired(false);
	const tempo = new TextInputBuilder().setCustomId('tempo').setStyle(TextInputStyle.Short).setValue('medium');
	return new ModalBuilder()
		.setCustomId('prompt-modal')
		.setTitle('Describe your playlist')
		.addTextDisplayComponents(new TextDisplayBuilder().setContent('A sentence is enough.'))
		.addLabelComponents(
			new LabelBuilder().setLabel('Prompt').setTextInputComponent(prompt),
			new LabelBuilder().setLabel('Mood').setTextInputComponent(mood),
			new LabelBuilder().setLabel('Tempo').setTextInputComponent(tempo),
		);
}

/** A slash command the bot answers with `modal`; resolves with its handle once the modal is recorded. */
export async function showModalOnCommand({ standin, bot }: Harness, modal: ModalBuilder): Promise<InteractionHandle> {
	const shown = handleNext(bot, (interaction) =>
		interaction.isChatInputCommand()
			? interaction.showModal(modal)
			: Promise.reject(new Error('expected a slash command')),
	);
	const handle = standin.sendCommand({ name: 'playlist', options: { prompt: 'x' } });
	await shown;
	await handle.waitForCallback();
	return handle;
}
