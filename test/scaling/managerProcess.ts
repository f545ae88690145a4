import { spawn } from 'node:child_process';
import type { LogLine, ProcessExit } from '../resilience/botProcess.js';

// `npm run start:sharded` as a process, run from TypeScript as the tests run the bot: the manager and its shard
// processes write to the same stdout, so their log lines arrive here together.

export interface ManagerProcess {
	readonly output: string;
	logs(): LogLine[];
	kill(signal: NodeJS.Signals): void;
	readonly exited: Promise<ProcessExit>;
}

function parseLine(line: string): LogLine[] {
	try {
		const parsed = JSON.parse(line) as unknown;
		return typeof parsed === 'object' && parsed !== null && 'msg' in parsed ? [parsed as LogLine] : [];
	} catch {
		return [];
	}
}

export function spawnManager(env: Record<string, string>): ManagerProcess {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/startSharded.ts'], {
		cwd: process.cwd(),
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const exited = new Promise<ProcessExit>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
	);
	return {
		get output() {
			return output;
		},
		logs: () => output.split('\n').flatMap(parseLine),
		kill: (signal) => void child.kill(signal),
		exited,
	};
}
