import { describe, expect, it } from 'vitest';
import { errorCode, handleNext, rawCallback, registerGuildCommands, useDiscordHarness } from './discordHarness.js';

const harness = useDiscordHarness();

const PLAYLIST = {
	name: 'playlist',
	description: 'Turn a sentence into a playlist',
	options: [
		{ type: 3, name: 'prompt', description: 'What should it sound like?', required: true },
		{ type: 3, name: 'mood', description: 'A mood to start from', autocomplete: true },
	],
};
const MOODS = ['jazz', 'jangle pop', 'calm'];

describe('Discord stand-in: autocomplete', () => {
	it('sends the focused option and records the choices and how long the bot took', async () => {
		const { standin, bot } = harness();
		await registerGuildCommands(bot, [PLAYLIST]);
		const answered = handleNext(bot, async (interaction) => {
			if (!interaction.isAutocomplete()) throw new Error(`unexpected interaction ${interaction.type}`);
			const focused = interaction.options.getFocused(true);
			const matching = MOODS.filter((mood) => mood.startsWith(focused.value));
			await interaction.respond(matching.map((mood) => ({ name: mood, value: mood })));
			return { focused: focused.name, value: focused.value, prompt: interaction.options.getString('prompt') };
		});

		const handle = standin.sendAutocomplete({
			name: 'playlist',
			options: { prompt: 'rainy', mood: 'ja' },
			focused: 'mood',
		});

		expect(await answered).toEqual({ focused: 'mood', value: 'ja', prompt: 'rainy' });
		await handle.waitForCallback();
		expect(handle.type).toBe(4);
		expect((handle.payload.data as { options: unknown }).options).toEqual([
			{ name: 'prompt', type: 3, value: 'rainy' },
			{ name: 'mood', type: 3, value: 'ja', focused: true },
		]);
		expect(handle.choices).toEqual([
			{ name: 'jazz', value: 'jazz' },
			{ name: 'jangle pop', value: 'jangle pop' },
		]);
		expect(handle.responseMs).toBeGreaterThanOrEqual(0);
		expect(handle.responseMs).toBeLessThan(3000);
		expect(handle.respondedAt).toBe(handle.sentAt + (handle.responseMs ?? NaN));
		expect(standin.violations).toEqual([]);
	});

	it('lets required options be missing while the user types, but only autocompletes options that ask for it', async () => {
		const { standin, bot } = harness();
		await registerGuildCommands(bot, [PLAYLIST]);

		const first = standin.sendAutocomplete({ name: 'playlist', focused: 'mood' });

		expect((first.payload.data as { options: unknown }).options).toEqual([
			{ name: 'mood', type: 3, value: '', focused: true },
		]);
		expect(() => standin.sendAutocomplete({ name: 'playlist', focused: 'prompt' })).toThrow(
			/option "prompt" is not registered with autocomplete: true/,
		);
		expect(() => standin.sendAutocomplete({ name: 'playlist', focused: 'tempo' })).toThrow(/has no option "tempo"/);
		expect(() => standin.sendAutocomplete({ name: 'mix', focused: 'mood' })).toThrow(/No slash command "mix"/);
	});

	it('rejects choices Discord rejects, and any other callback type', async () => {
		const { standin, bot } = harness();
		await registerGuildCommands(bot, [PLAYLIST]);
		const choices = (list: unknown[]) => ({ type: 8, data: { choices: list } });
		const tooMany = Array.from({ length: 26 }, (_, index) => ({ name: `mood ${index}`, value: `m${index}` }));
		const handled = handleNext(bot, async (interaction) => {
			if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
			const errors = [
				await rawCallback(bot, interaction, choices(tooMany)),
				await rawCallback(bot, interaction, choices([{ name: '', value: 'calm' }])),
				await rawCallback(bot, interaction, choices([{ name: 'long', value: 'v'.repeat(101) }])),
				await rawCallback(bot, interaction, { type: 4, data: { content: 'calm' } }),
			];
			await interaction.respond([{ name: 'calm', value: 'calm' }]);
			return errors.map(errorCode);
		});

		const handle = standin.sendAutocomplete({ name: 'playlist', focused: 'mood' });

		expect(await handled).toEqual([50035, 50035, 50035, 50035]);
		expect(standin.violations.map((violation) => violation.problems)).toEqual([
			['data.choices: Must be 25 or fewer in length. (BASE_TYPE_MAX_LENGTH)'],
			['data.choices[0].name: Must be 1 or more in length. (BASE_TYPE_MIN_LENGTH)'],
			['data.choices[0].value: Must be 100 or fewer in length. (BASE_TYPE_MAX_LENGTH)'],
			['type: Callback type 4 is not valid for interaction type 4 (INTERACTION_CALLBACK_TYPE_INVALID)'],
		]);
		expect(handle.choices).toEqual([{ name: 'calm', value: 'calm' }]);
	});

	it('drops an answer that comes after the 3-second window', async () => {
		const { standin, bot } = harness();
		await registerGuildCommands(bot, [PLAYLIST]);
		const handled = handleNext(bot, (interaction) =>
			interaction.isAutocomplete()
				? interaction.respond([{ name: 'calm', value: 'calm' }]).then(
						() => undefined,
						(error: unknown) => error,
					)
				: Promise.resolve(undefined),
		);

		const handle = standin.sendAutocomplete({ name: 'playlist', focused: 'mood', createdAt: Date.now() - 3500 });

		expect(errorCode(await handled)).toBe(10062);
		expect(handle.choices).toBeUndefined();
		expect(handle.respondedAt).toBeUndefined();
	});
});
