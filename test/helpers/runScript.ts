import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ScriptResult {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs one of the project's TypeScript entry points as its own process and waits for it to exit. The environment is
 * replaced, not merged, so no developer's .env or shell leaks in.
 */
export async function runScript(
	script: string,
	args: string[],
	env: Record<string, string>,
	timeoutMs = 30_000,
): Promise<ScriptResult> {
	return run(process.execPath, ['--import', 'tsx', script, ...args], {
		env: { PATH: process.env.PATH ?? '', ...env },
		timeout: timeoutMs,
	}).then(
		(result) => ({ code: 0, ...result }),
		(error: ScriptResult) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
	);
}
