import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// scripts/build.mjs runs as `npm run build` does, in a temporary project: the real script, tsconfigs and
// node_modules, but a two-file src/, so each tsc run takes about a second and the real dist/ is left alone.
const ROOT = new URL('../../', import.meta.url).pathname;
const COPIED = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];
let project: string;

async function build(): Promise<{ code: number; output: string }> {
	return promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: project }).then(
		({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
		(error: { code: number; stdout: string; stderr: string }) => ({
			code: error.code,
			output: error.stdout + error.stderr,
		}),
	);
}

function writeSource(name: string, text: string): Promise<void> {
	return writeFile(join(project, 'src', name), text);
}

const modified = async (file: string) => (await stat(join(project, 'dist', file))).mtimeMs;

beforeAll(async () => {
	project = await mkdtemp(join(tmpdir(), 'promptlist-build-'));
	await mkdir(join(project, 'scripts'));
	await mkdir(join(project, 'src'));
	for (const file of COPIED) await copyFile(join(ROOT, file), join(project, file));
	await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'));
	await writeSource('greeting.ts', "export const GREETING = 'hello';\n");
	await writeSource('index.ts', "import { GREETING } from './greeting.js';\nconsole.log(GREETING);\n");
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe('npm run build', () => {
	it('compiles only what changed, removes outputs of deleted sources, and retries after a type error', async () => {
		const first = await build();
		expect(first).toMatchObject({ code: 0, output: expect.stringContaining('build: compiled src/ into dist/') });
		const builtAt = await modified('index.js');

		const again = await build();
		expect(again).toMatchObject({ code: 0, output: expect.stringContaining('dist/ is up to date') });
		expect(await modified('index.js')).toBe(builtAt);

		await unlink(join(project, 'src', 'greeting.ts'));
		await writeSource('index.ts', "console.log('hi');\n");
		const afterDelete = await build();
		expect(afterDelete.output).toContain('removed 2 output(s) of deleted sources');
		expect(afterDelete.output).toContain('build: compiled src/');
		expect(existsSync(join(project, 'dist', 'greeting.js'))).toBe(false);
		expect(await modified('index.js')).toBeGreaterThan(builtAt);

		await writeSource('index.ts', "const count: number = 'one';\nconsole.log(count);\n");
		for (let run = 0; run < 2; run++) {
			const failed = await build();
			expect(failed.code).not.toBe(0);
			expect(failed.output).toContain("error TS2322: Type 'string' is not assignable to type 'number'.");
		}
	});
});
