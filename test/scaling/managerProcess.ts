import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { npmScriptNodeFlags } from '../../standins/npmScriptFlags.js';
import type { LogLine, ProcessExit } from '../resilience/botProcess.js';

// `npm run start:sharded` as a process, with its Node flags, run from TypeScript as the tests run the bot: the
// manager and its shard processes write to the same stdout, so their log lines arrive here together.

export interface ManagerProcess {
	readonly pid: number;
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
	const args = [...npmScriptNodeFlags('start:sharded'), '--import', 'tsx', 'src/startSharded.ts'];
	const child = spawn(process.execPath, args, {
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
		pid: child.pid!,
		get output() {
			return output;
		},
		logs: () => output.split('\n').flatMap(parseLine),
		kill: (signal) => void child.kill(signal),
		exited,
	};
}

/** The command lines of a process's children, read from Linux's /proc: the shard processes of a manager. */
export function childCommandLines(pid: number): string[][] {
	const read = (path: string) => {
		try {
			return readFileSync(path, 'utf8');
		} catch {
			return ''; // The process ended while we looked.
		}
	};
	return (
		readdirSync('/proc')
			.filter((entry) => /^\d+$/.test(entry))
			// stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its closing parenthesis.
			.filter((entry) => read(`/proc/${entry}/stat`).split(') ')[1]?.split(' ')[1] === String(pid))
			.map((entry) => read(`/proc/${entry}/cmdline`).split('\0').filter(Boolean))
	);
}
