// @ts-check
// `npm run build`, run before every start script: compiles src/ into dist/ only when something changed, so a start
// with nothing changed begins in well under a second instead of ~6 s of tsc.
//
// `tsc -b` decides from dist/.tsbuildinfo (tsconfig.build.json): it rebuilds when a source's content, the source list
// or a tsconfig changed, and after a build with errors. This script covers what tsc -b leaves alone: it deletes the
// outputs of deleted sources, and forces a full build when an output is missing or the dependencies changed (their
// types are not among tsc -b's inputs). Plain JavaScript, so it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Match rootDir, outDir and tsBuildInfoFile in tsconfig.build.json. npm runs scripts from the package root.
const SRC = 'src';
const DIST = 'dist';
const BUILD_INFO = join(DIST, '.tsbuildinfo');
const DEPENDENCY_FILES = ['package.json', 'package-lock.json', join('node_modules', '.package-lock.json')];

/** Every file under dir, as paths relative to it; none if dir does not exist. */
function listFiles(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** The .js and .js.map files tsc writes for the sources now under src/. */
function expectedOutputs() {
	const sources = listFiles(SRC).filter((file) => /(?<!\.d)\.ts$/.test(file));
	return new Set(sources.flatMap((file) => [file.replace(/\.ts$/, '.js'), file.replace(/\.ts$/, '.js.map')]));
}

/** Deletes compiled files whose source is gone, so nothing can import a deleted module; returns how many. */
function removeStaleOutputs(expected) {
	const stale = listFiles(DIST).filter((file) => /\.js(\.map)?$/.test(file) && !expected.has(file));
	for (const file of stale) unlinkSync(join(DIST, file));
	return stale.length;
}

function modifiedMs(file) {
	return existsSync(file) ? statSync(file).mtimeMs : 0;
}

/** Why tsc -b's own check is not enough this time, or null. */
function forceReason(expected) {
	if (!existsSync(BUILD_INFO)) return null;
	if ([...expected].some((file) => !existsSync(join(DIST, file)))) return 'an output is missing';
	const built = modifiedMs(BUILD_INFO);
	const changed = DEPENDENCY_FILES.find((file) => modifiedMs(file) > built);
	return changed ? `${changed} changed` : null;
}

function readBuildInfo() {
	return existsSync(BUILD_INFO) ? readFileSync(BUILD_INFO, 'utf8') : '';
}

function build() {
	const startedAt = Date.now();
	const expected = expectedOutputs();
	const removed = removeStaleOutputs(expected);
	if (removed) console.log(`build: removed ${removed} output(s) of deleted sources from ${DIST}/`);
	const reason = forceReason(expected);
	if (reason) console.log(`build: ${reason}, compiling everything`);
	const before = readBuildInfo();
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	const args = [tsc, '-b', 'tsconfig.build.json', ...(reason ? ['--force'] : [])];
	const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' });
	if (status !== 0) {
		console.error(`build: tsc failed, see above; the next run compiles again`);
		return status ?? 1;
	}
	const ms = Date.now() - startedAt;
	if (!reason && readBuildInfo() === before) console.log(`build: ${DIST}/ is up to date (${ms} ms)`);
	else console.log(`build: compiled ${SRC}/ into ${DIST}/ (${ms} ms)`);
	return 0;
}

process.exitCode = build();
