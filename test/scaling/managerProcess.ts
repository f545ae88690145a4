import { readdirSync, readFileSync } from 'node:fs';
import { spawnBot, type BotProcess } from '../resilience/botProcess.js';

// `npm run start:sharded` as a process, with its Node flags, run from TypeScript as the tests run the bot: the
// manager and its shard processes write to the same stdout, so their log lines arrive here together.

export function spawnManager(env: Record<string, string>): BotProcess {
	return spawnBot(env, { script: 'src/startSharded.ts', npmScript: 'start:sharded' });
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
