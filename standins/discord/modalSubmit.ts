import { flattenComponents } from './componentLimits.js';
import type { StandinInteraction } from './interactionHandle.js';
import type { InteractionDispatcher } from './interactions.js';
import { asArray, isObject, type Json } from './json.js';
import type { MessageStore } from './messages.js';
import type { InteractionHandle, ModalSubmitInput, StandinModal } from './types.js';

// A user filling in and submitting a modal the bot showed: MODAL_SUBMIT (type 5) shaped as Discord sends it for
// the modal's layout, with what the client would have let through (lengths, required inputs, single lines).

export interface ModalSubmitDeps {
	dispatcher: InteractionDispatcher;
	messages: MessageStore;
}

export class ModalSubmits {
	constructor(private readonly deps: ModalSubmitDeps) {}

	submitModal(input: ModalSubmitInput): InteractionHandle {
		const trigger = this.triggerOf(input);
		const modal = trigger.modal as StandinModal;
		const shownTo = trigger.user;
		if (input.userId !== undefined && input.userId !== shownTo.id)
			throw new Error(`Modal "${modal.custom_id}" was shown to user ${String(shownTo.id)}, not ${input.userId}`);
		// Discord includes the message when the modal was opened from a component on it.
		const source = trigger.type === 3 ? trigger.sourceMessage : undefined;
		const message = source ? (this.deps.messages.messages.get(source.id) ?? source) : undefined;
		const member = trigger.payload.member as Json | undefined;
		const data = { custom_id: modal.custom_id, components: buildModalSubmission(modal, input.values) };
		const interaction = {
			...input,
			type: 5,
			data,
			userId: String(shownTo.id),
			username: input.username ?? String(shownTo.username),
			guildId: trigger.payload.guild_id as string,
			channelId: trigger.payload.channel_id as string,
			locale: input.locale ?? (trigger.payload.locale as string),
			permissions: input.permissions ?? (member?.permissions as string | undefined),
			...(message ? { message: structuredClone(message) } : {}),
		};
		return this.deps.dispatcher.sendInteraction(interaction, trigger);
	}

	/** The interaction the bot answered with the modal: given, found by the modal object, or by its custom_id. */
	private triggerOf(input: ModalSubmitInput): StandinInteraction {
		const all = this.deps.dispatcher.interactions;
		if (input.interaction) {
			const found = all.find((interaction) => interaction.id === input.interaction?.id);
			if (!found?.modal)
				throw new Error(`Interaction ${input.interaction.id} was not answered with a modal (callback type 9)`);
			return found;
		}
		const wanted = input.modal;
		if (wanted === undefined) throw new Error('submitModal: pass `interaction` or `modal`');
		const customId = typeof wanted === 'string' ? wanted : wanted.custom_id;
		const shown = [...all].reverse().filter((interaction) => interaction.modal);
		const found =
			shown.find((interaction) => interaction.modal === wanted) ??
			shown.find((interaction) => interaction.modal?.custom_id === customId);
		if (!found) throw new Error(`The bot has shown no modal "${customId}"`);
		return found;
	}
}

/** `data.components` of the submit: each row, label and text display of the modal, inputs filled in. */
export function buildModalSubmission(modal: StandinModal, values: Record<string, string>): Json[] {
	const components = asArray(modal.components).filter(isObject);
	const inputs = flattenComponents(components)
		.map(({ component }) => component)
		.filter((component) => component.type === 4);
	const known = inputs.map((component) => String(component.custom_id));
	const unknown = Object.keys(values).filter((customId) => !known.includes(customId));
	if (unknown.length > 0)
		throw new Error(
			`Modal "${modal.custom_id}" has no text input "${unknown.join('", "')}" (has: ${known.join(', ')})`,
		);
	const ids = componentIds(components);
	const submitted = (component: Json): Json => {
		const id = ids.get(component);
		switch (component.type) {
			case 1:
				return { type: 1, id, components: asArray(component.components).filter(isObject).map(submitted) };
			case 18:
				return { type: 18, id, component: submitted(component.component as Json) };
			case 4:
				return { type: 4, id, custom_id: component.custom_id, value: enteredValue(component, values) };
			case 10:
				return { type: 10, id };
			default:
				throw new Error(`submitModal: the stand-in cannot fill component type ${String(component.type)}`);
		}
	};
	return components.map(submitted);
}

// Discord numbers the components the bot left without an id, in order, skipping ids the bot chose.
function componentIds(components: Json[]): Map<Json, number> {
	const flat = flattenComponents(components).map(({ component }) => component);
	const isId = (id: unknown): id is number => typeof id === 'number' && id > 0;
	const used = new Set(flat.map((component) => component.id).filter(isId));
	const ids = new Map<Json, number>();
	let next = 1;
	for (const component of flat) {
		if (isId(component.id)) {
			ids.set(component, component.id);
			continue;
		}
		while (used.has(next)) next += 1;
		ids.set(component, next);
		used.add(next);
	}
	return ids;
}

// What the client lets through: a required input filled, the length between min and max, no line break in a
// short input. An input left out keeps its pre-filled value.
function enteredValue(input: Json, values: Record<string, string>): string {
	const customId = String(input.custom_id);
	const value = values[customId] ?? (typeof input.value === 'string' ? input.value : '');
	if (value === '') {
		if (input.required !== false) throw new Error(`Text input "${customId}" is required: pass a value for it`);
		return '';
	}
	const length = [...value].length;
	const min = typeof input.min_length === 'number' ? input.min_length : 0;
	const max = typeof input.max_length === 'number' ? input.max_length : 4000;
	if (length < min || length > max)
		throw new Error(`Text input "${customId}" takes ${min}–${max} characters, not ${length}`);
	if (input.style === 1 && /[\r\n]/.test(value))
		throw new Error(`Text input "${customId}" is a single-line input: it cannot hold a line break`);
	return value;
}
