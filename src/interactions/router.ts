import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { ButtonHandler, BotContext, Command } from './interactionTypes.js';
import { userMessageFor } from '../replies/errorMessage.js';

// Discord lets the bot answer an interaction for 15 minutes; after that its token is dead.
const INTERACTION_LIFETIME_MS = 15 * 60 * 1000;

function describe(interaction: Interaction): Record<string, unknown> {
	return {
		interactionId: interaction.id,
		userId: interaction.user.id,
		command: interaction.isChatInputCommand() ? interaction.commandName : undefined,
		customId: interaction.isMessageComponent() ? interaction.customId : undefined,
	};
}

/** Errors are always answered ephemerally: in place of an ephemeral "thinking…", else after removing a public one. */
async function replyWithError(interaction: RepliableInteraction, content: string): Promise<void> {
	const options = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
	if (!interaction.deferred && !interaction.replied) {
		await interaction.reply(options);
		return;
	}
	if (interaction.deferred && interaction.ephemeral) {
		await interaction.editReply({ content, embeds: [], components: [], allowedMentions: { parse: [] } });
		return;
	}
	if (interaction.isChatInputCommand() && interaction.deferred) {
		await interaction.deleteReply().catch(() => undefined);
	}
	await interaction.followUp(options);
}

async function handleError(interaction: Interaction, error: unknown, ctx: BotContext): Promise<void> {
	const known = userMessageFor(error);
	const errorId = randomBytes(4).toString('hex');
	if (known) ctx.logger.info({ ...describe(interaction), err: error }, 'interaction ended with a user-facing error');
	else ctx.logger.error({ ...describe(interaction), err: error, errorId }, 'interaction failed');
	if (!interaction.isRepliable()) return;
	const content =
		known ??
		`Something went wrong on our side. If it keeps happening, give the bot owner this error id: \`${errorId}\`.`;
	try {
		await replyWithError(interaction, content);
	} catch (replyError) {
		ctx.logger.warn({ ...describe(interaction), err: replyError }, 'could not tell the user about an error');
	}
}

async function route(
	interaction: Interaction,
	ctx: BotContext,
	commands: Map<string, Command>,
	buttons: Map<string, ButtonHandler>,
) {
	if (interaction.isChatInputCommand()) {
		const command = commands.get(interaction.commandName);
		if (!command) throw new Error(`unknown command ${interaction.commandName}`);
		await command.execute(interaction, ctx);
	} else if (interaction.isButton()) {
		const separator = interaction.customId.indexOf(':');
		const prefix = separator === -1 ? interaction.customId : interaction.customId.slice(0, separator);
		const button = buttons.get(prefix);
		if (!button) throw new Error(`unknown button ${interaction.customId}`);
		await button.execute(interaction, interaction.customId.slice(separator + 1), ctx);
	}
}

/** The single interactionCreate listener: routes, logs, and answers every failure. */
export function createInteractionHandler(ctx: BotContext, commands: Command[], buttons: ButtonHandler[]) {
	const commandMap = new Map(commands.map((command) => [command.data.name, command]));
	const buttonMap = new Map(buttons.map((button) => [button.prefix, button]));
	return async (interaction: Interaction): Promise<void> => {
		if (Date.now() - interaction.createdTimestamp > INTERACTION_LIFETIME_MS) {
			ctx.logger.warn(
				describe(interaction),
				'dropped an interaction older than 15 minutes: its token is no longer valid',
			);
			return;
		}
		const started = performance.now();
		try {
			await route(interaction, ctx, commandMap, buttonMap);
			ctx.logger.info({ ...describe(interaction), ms: Math.round(performance.now() - started) }, 'interaction handled');
		} catch (error) {
			await handleError(interaction, error, ctx);
		}
	};
}
