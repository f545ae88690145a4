import { randomBytes } from 'node:crypto';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	MessageFlags,
	type Interaction,
	type RepliableInteraction,
} from 'discord.js';
import type { BotContext, ComponentHandler, Handlers } from './interactionTypes.js';
import { userMessageFor } from '../replies/errorMessage.js';
import { UserError } from '../replies/userError.js';
import { withRelinkOffer } from './relinkOffer.js';

// Discord lets the bot answer an interaction for 15 minutes; after that its token is dead.
const INTERACTION_LIFETIME_MS = 15 * 60 * 1000;

function describe(interaction: Interaction): Record<string, unknown> {
	return {
		interactionId: interaction.id,
		userId: interaction.user.id,
		command: interaction.isCommand() ? interaction.commandName : undefined,
		customId: interaction.isMessageComponent() || interaction.isModalSubmit() ? interaction.customId : undefined,
	};
}

/** A user error's link (a relink offer's consent page) as a row with one link button. */
function linkRow(error: unknown) {
	if (!(error instanceof UserError) || !error.link) return [];
	const button = new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(error.link.url).setLabel(error.link.label);
	return [new ActionRowBuilder<ButtonBuilder>().addComponents(button)];
}

/** Errors are always answered ephemerally: in place of an ephemeral "thinking…", else after removing a public one. */
async function replyWithError(interaction: RepliableInteraction, content: string, error: unknown): Promise<void> {
	const components = linkRow(error);
	const options = { content, components, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
	if (!interaction.deferred && !interaction.replied) {
		await interaction.reply(options);
		return;
	}
	if (interaction.deferred && interaction.ephemeral) {
		await interaction.editReply({ content, embeds: [], components, allowedMentions: { parse: [] } });
		return;
	}
	// A command's deferred reply is its own message; a component's is the message the component is on, which stays.
	if (interaction.isCommand() && interaction.deferred) {
		await interaction.deleteReply().catch(() => undefined);
	}
	await interaction.followUp(options);
}

async function handleError(interaction: Interaction, thrown: unknown, ctx: BotContext): Promise<void> {
	const error = interaction.isRepliable() ? await withRelinkOffer(ctx, interaction.user, thrown) : thrown;
	const known = userMessageFor(error);
	const errorId = randomBytes(4).toString('hex');
	if (known) ctx.logger.info({ ...describe(interaction), err: thrown }, 'interaction ended with a user-facing error');
	else ctx.logger.error({ ...describe(interaction), err: thrown, errorId }, 'interaction failed');
	if (!interaction.isRepliable()) return;
	const content =
		known ??
		`Something went wrong on our side. If it keeps happening, give the bot owner this error id: \`${errorId}\`.`;
	try {
		await replyWithError(interaction, content, error);
	} catch (replyError) {
		ctx.logger.warn({ ...describe(interaction), err: replyError }, 'could not tell the user about an error');
	}
}

/** Custom ids are `prefix:key`; the key is the rest, colons and all. */
function splitCustomId(customId: string): { prefix: string; key: string } {
	const separator = customId.indexOf(':');
	if (separator === -1) return { prefix: customId, key: '' };
	return { prefix: customId.slice(0, separator), key: customId.slice(separator + 1) };
}

async function routeByPrefix<T extends { customId: string }>(
	handlers: { kind: string; byPrefix: Map<string, ComponentHandler<T>> },
	interaction: T,
	ctx: BotContext,
): Promise<void> {
	const { prefix, key } = splitCustomId(interaction.customId);
	const handler = handlers.byPrefix.get(prefix);
	if (!handler) throw new Error(`unknown ${handlers.kind} ${interaction.customId}`);
	await handler.execute(interaction, key, ctx);
}

const byPrefix = <T>(kind: string, handlers: ComponentHandler<T>[]) => ({
	kind,
	byPrefix: new Map(handlers.map((handler) => [handler.prefix, handler])),
});

type Routes = ReturnType<typeof buildRoutes>;

function buildRoutes(handlers: Handlers) {
	return {
		commands: new Map(handlers.commands.map((command) => [command.data.name, command])),
		messageCommands: new Map(handlers.messageCommands.map((command) => [command.data.name, command])),
		autocompletes: new Map(handlers.autocompletes.map((handler) => [handler.commandName, handler])),
		buttons: byPrefix('button', handlers.buttons),
		selects: byPrefix('select', handlers.selects),
		modals: byPrefix('modal', handlers.modals),
	};
}

async function route(interaction: Interaction, ctx: BotContext, routes: Routes) {
	if (interaction.isChatInputCommand()) {
		const command = routes.commands.get(interaction.commandName);
		if (!command) throw new Error(`unknown command ${interaction.commandName}`);
		await command.execute(interaction, ctx);
	} else if (interaction.isMessageContextMenuCommand()) {
		const command = routes.messageCommands.get(interaction.commandName);
		if (!command) throw new Error(`unknown message command ${interaction.commandName}`);
		await command.execute(interaction, ctx);
	} else if (interaction.isAutocomplete()) {
		const handler = routes.autocompletes.get(interaction.commandName);
		if (!handler) throw new Error(`no autocomplete for ${interaction.commandName}`);
		await handler.execute(interaction, ctx);
	} else if (interaction.isButton()) await routeByPrefix(routes.buttons, interaction, ctx);
	else if (interaction.isStringSelectMenu()) await routeByPrefix(routes.selects, interaction, ctx);
	else if (interaction.isModalSubmit()) await routeByPrefix(routes.modals, interaction, ctx);
}

/** The single interactionCreate listener: routes, logs, and answers every failure. */
export function createInteractionHandler(ctx: BotContext, handlers: Handlers) {
	const routes = buildRoutes(handlers);
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
			await route(interaction, ctx, routes);
			ctx.logger.info({ ...describe(interaction), ms: Math.round(performance.now() - started) }, 'interaction handled');
		} catch (error) {
			await handleError(interaction, error, ctx);
		}
	};
}
