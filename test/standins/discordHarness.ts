import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Routes, type Interaction } from 'discord.js';
import { afterEach, beforeEach } from 'vitest';
import { startDiscordStandin, type DiscordStandin } from '../../standins/discord.js';

// A Discord stand-in and a real discord.js Client logged in to it, fresh for each test of the file that calls
// useDiscordHarness(); plus the small moves those tests repeat.

export const TOKEN = 'test-bot-token';
export const APP_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';

export interface Harness {
	standin: DiscordStandin;
	bot: Client;
}

/** Starts stand-in + client before each test and stops both after; call at the top of a test file. */
export function useDiscordHarness(): () => Harness {
	let current: Harness | undefined;
	beforeEach(async () => {
		const standin = await startDiscordStandin({ token: TOKEN, applicationId: APP_ID, guildIds: [GUILD_ID] });
		const bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standin.apiUrl } });
		const ready = once(bot, Events.ClientReady);
		await bot.login(TOKEN);
		await ready;
		current = { standin, bot };
	});
	afterEach(async () => {
		await current?.bot.destroy();
		await current?.standin.close();
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('useDiscordHarness: no test is running');
		return current;
	};
}

/** Runs `handler` on the next interaction the client receives and settles with its outcome. */
export function handleNext<T>(bot: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		bot.once(Events.InteractionCreate, (interaction) => {
			handler(interaction).then(resolve, reject);
		});
	});
}

/** POSTs a raw callback body, past discord.js's own checks; resolves with the error Discord would answer, if any. */
export async function rawCallback(bot: Client, interaction: Interaction, body: unknown): Promise<unknown> {
	return bot.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false }).then(
		() => undefined,
		(error: unknown) => error,
	);
}

/** The Discord error code of a rejected request (50035 Invalid Form Body …), or undefined if it succeeded. */
export function errorCode(error: unknown): number | string | undefined {
	return error instanceof DiscordAPIError ? error.code : undefined;
}

export async function registerGuildCommands(
	bot: Client,
	body: unknown[],
): Promise<Array<{ id: string; name: string }>> {
	return (await bot.rest.put(Routes.applicationGuildCommands(APP_ID, GUILD_ID), { body })) as Array<{
		id: string;
		name: string;
	}>;
}
