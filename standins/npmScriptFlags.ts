import { readFileSync } from 'node:fs';

// The Node flags an npm script in package.json gives the bot (heap sizing), so tests and the bench run it with the
// same ones. The .env flag is left out: they hand the bot its configuration themselves.

export function npmScriptNodeFlags(script: 'start' | 'start:sharded'): string[] {
	const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
		scripts: Record<string, string>;
	};
	const command = pkg.scripts[script] ?? '';
	return command.split(/\s+/).filter((word) => word.startsWith('--') && !word.startsWith('--env-file'));
}
