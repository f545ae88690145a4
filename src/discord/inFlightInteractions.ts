import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from '../log.js';

const RESTARTING_NOTE = '🔄 The bot is restarting right now. Please try again in a minute.';

export interface InFlightInteractions {
	track(interaction: Interaction, work: Promise<void>): void;
	/** Waits up to `graceMs` for the running interactions and `alsoWaitFor`, then tells who is left. */
	settle(graceMs: number, logger: Logger, alsoWaitFor: Promise<unknown>): Promise<void>;
}

async function tellRestarting(interaction: Interaction, logger: Logger): Promise<void> {
	if (!interaction.isRepliable()) return;
	logger.warn({ interactionId: interaction.id }, 'interaction still running at shutdown; telling the user');
	// A deferred reply of a command would stay stuck on its progress text: replace that text instead.
	if (interaction.isChatInputCommand() && interaction.deferred) {
		await interaction.editReply({
			content: RESTARTING_NOTE,
			embeds: [],
			components: [],
			allowedMentions: { parse: [] },
		});
		return;
	}
	const note = { content: RESTARTING_NOTE, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
	await (interaction.deferred || interaction.replied ? interaction.followUp(note) : interaction.reply(note));
}

/** Tracks running interactions, so stop() can let them finish or tell their users. */
export function createInFlightInteractions(): InFlightInteractions {
	const running = new Map<Interaction, Promise<void>>();
	return {
		track(interaction, work) {
			running.set(interaction, work);
			void work.finally(() => running.delete(interaction));
		},
		async settle(graceMs, logger, alsoWaitFor) {
			const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
			await Promise.race([Promise.all([Promise.allSettled(running.values()), alsoWaitFor]), timeout]);
			await Promise.allSettled([...running.keys()].map((interaction) => tellRestarting(interaction, logger)));
		},
	};
}
