import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The bot runs from compiled JavaScript under plain node, as `npm start` runs it: tsx's loader alone adds ~30 MB
// of RSS. The output goes to node_modules/.cache (ignored by git and eslint), where bare imports still resolve.

const BUILD_DIR = new URL('../node_modules/.cache/promptlist-bench/', import.meta.url);
const TSCONFIG = {
	extends: '../../../tsconfig.json',
	compilerOptions: {
		rootDir: '../../..',
		outDir: '.',
		noEmit: false,
		sourceMap: false,
		incremental: true,
		tsBuildInfoFile: './tsbuildinfo',
	},
	include: [],
	files: ['../../../bench/botProcess.ts'],
};

/** Compiles bench/botProcess.ts and what it imports; returns the entry's path. */
export async function compileBotProcess(): Promise<string> {
	await mkdir(BUILD_DIR, { recursive: true });
	const tsconfig = fileURLToPath(new URL('tsconfig.json', BUILD_DIR));
	await writeFile(tsconfig, JSON.stringify(TSCONFIG, null, '\t'));
	const entry = fileURLToPath(new URL('bench/botProcess.js', BUILD_DIR));
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	try {
		await promisify(execFile)(process.execPath, [tsc, '-p', tsconfig]);
	} catch (error) {
		// tsc still emits on type errors (someone may be mid-edit in src/); only a missing entry is fatal.
		const output = (error as { stdout?: string }).stdout ?? String(error);
		if (!existsSync(entry)) throw new Error(`could not compile the bot:\n${output}`);
		console.error(`[bench] tsc reported errors; running the emitted code anyway:\n${output.slice(0, 2000)}`);
	}
	return entry;
}
