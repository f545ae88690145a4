// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// src/services/ imports in one direction: the shared root (errors, retry) ← store, llm, spotify ← pipeline, linking
// ← saving ← personal ← privacy. Each folder lists the folders it must not import; services never import Discord or
// HTTP code.
const SERVICE_LAYERS = {
	store: ['llm', 'spotify', 'pipeline', 'linking', 'saving', 'personal', 'privacy'],
	llm: ['store', 'spotify', 'pipeline', 'linking', 'saving', 'personal', 'privacy'],
	spotify: ['store', 'llm', 'pipeline', 'linking', 'saving', 'personal', 'privacy'],
	pipeline: ['linking', 'saving', 'personal', 'privacy'],
	linking: ['pipeline', 'saving', 'personal', 'privacy'],
	saving: ['personal', 'privacy'],
	personal: ['privacy'],
	privacy: [],
};
const OUTSIDE_SERVICES = ['discord.js', 'discord.js/*', '@discordjs/*', 'express', 'express-*', 'helmet'];
const APP_FOLDERS = ['commands', 'components', 'discord', 'oauth', 'replies', 'cli'].map((name) => `**/src/${name}/*`);

/** The no-restricted-imports rule for the files of one services folder (or the root, with every folder). */
function serviceImports(forbidden, message) {
	return {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{ group: OUTSIDE_SERVICES, message: 'Services never import discord.js or express.' },
					{
						group: [...APP_FOLDERS, '../../commands/*', '../../components/*', '../../oauth/*', '../../replies/*'],
						message: 'Services never import the bot or the OAuth server.',
					},
					...(forbidden.length ? [{ group: forbidden, message }] : []),
				],
			},
		],
	};
}

export default tseslint.config(
	{ ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
		},
	},
	{
		// vitest's asymmetric matchers (expect.stringContaining …) are typed `any`.
		files: ['test/**/*.ts'],
		rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
	},
	{
		files: ['src/services/*.ts'],
		rules: serviceImports(
			Object.keys(SERVICE_LAYERS).map((name) => `./${name}/*`),
			'The shared errors and retry import no services folder.',
		),
	},
	...Object.entries(SERVICE_LAYERS).map(([folder, forbidden]) => ({
		files: [`src/services/${folder}/**/*.ts`],
		rules: serviceImports(
			forbidden.map((name) => `../${name}/*`),
			`src/services/${folder} may not import that folder: services import in one direction (see eslint.config.js).`,
		),
	})),
	{
		// Plain JavaScript run by node, outside the TypeScript project.
		files: ['eslint.config.js', 'scripts/*.mjs'],
		...tseslint.configs.disableTypeChecked,
	},
	{
		files: ['scripts/*.mjs'],
		languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
	},
);
