import { spawn, type ChildProcess } from 'node:child_process';
import { npmScriptNodeFlags } from '../../standins/npmScriptFlags.js';
import { createWaiters, type Waiters } from '../../standins/waiters.js';

// The bot as its own process (`node <npm start's flags> --import tsx src/index.ts`, or another entry point), as it
// runs in production: configured only by its environment, logging JSON lines to stdout, stopped by signals. Tests
// hold its output and its exit.

export interface LogLine {
	level: number;
	msg: string;
	[key: string]: unknown;
}

export interface ProcessExit {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** performance.now() when the process exited. */
	at: number;
}

export interface BotProcess {
	readonly child: ChildProcess;
	/** Everything written to stdout and stderr so far. */
	readonly stdout: string;
	readonly stderr: string;
	/** The stdout lines that parsed as JSON log lines. */
	logs(): LogLine[];
	waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
	/** Resolves once the bot logged "bot is ready"; rejects if it exits first. */
	ready(timeoutMs?: number): Promise<void>;
	/** Started with HTTP_PORT=0 and a redirect URI on port 0: where it listens and the redirect URI it hands out. */
	pickedPort(timeoutMs?: number): Promise<{ httpUrl: string; redirectUri: string }>;
	kill(signal: NodeJS.Signals): void;
	readonly exited: Promise<ProcessExit>;
}

function parseLine(line: string): LogLine | undefined {
	try {
		const parsed = JSON.parse(line) as unknown;
		return typeof parsed === 'object' && parsed !== null && 'msg' in parsed ? (parsed as LogLine) : undefined;
	} catch {
		return undefined;
	}
}

/** An entry point and the npm script whose Node flags it runs with. */
export interface Entry {
	script: string;
	npmScript: Parameters<typeof npmScriptNodeFlags>[0];
}

const BOT: Entry = { script: 'src/index.ts', npmScript: 'start' };

interface Output {
	stdout: string;
	stderr: string;
	lines: LogLine[];
	exit: ProcessExit | undefined;
	exited: Promise<ProcessExit>;
	/** Told of each stdout chunk and of the exit. */
	changes: Waiters;
}

/** Collects what the child writes, its JSON log lines, and its exit. */
function collectOutput(child: ChildProcess): Output {
	const changes = createWaiters();
	const output: Output = {
		stdout: '',
		stderr: '',
		lines: [],
		exit: undefined,
		changes,
		exited: new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				output.exit = { code, signal, at: performance.now() };
				resolve(output.exit);
				changes.notify();
			});
		}),
	};
	let partial = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		output.stdout += chunk;
		const parts = (partial + chunk).split('\n');
		partial = parts.pop() ?? '';
		output.lines.push(...parts.flatMap((part) => parseLine(part) ?? []));
		changes.notify();
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
	return output;
}

/** The first line matching `predicate`, once logged; rejects if the process exits first or after timeoutMs. */
async function waitForLog(output: Output, predicate: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
	const found = () => {
		if (output.lines.some(predicate)) return true;
		if (output.exit) throw new Error(`bot exited (${output.exit.code ?? output.exit.signal}) first`);
		return false;
	};
	try {
		await output.changes.until(found, timeoutMs, 'log line not seen');
	} catch (error) {
		const { stdout, stderr } = output;
		throw new Error(`${(error as Error).message}\nstdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-3000)}`);
	}
	return output.lines.find(predicate) as LogLine;
}

export function spawnBot(env: Record<string, string>, entry: Entry = BOT): BotProcess {
	const args = [...npmScriptNodeFlags(entry.npmScript), '--import', 'tsx', entry.script];
	const child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output = collectOutput(child);
	const waitFor: BotProcess['waitForLog'] = (predicate, timeoutMs = 15_000) => waitForLog(output, predicate, timeoutMs);
	return {
		child,
		get stdout() {
			return output.stdout;
		},
		get stderr() {
			return output.stderr;
		},
		logs: () => [...output.lines],
		waitForLog: waitFor,
		ready: async (timeoutMs = 20_000) => {
			await waitFor((line) => line.msg === 'bot is ready', timeoutMs);
		},
		pickedPort: async (timeoutMs = 20_000) => {
			const line = await waitFor((candidate) => candidate.msg === 'listening on the port the OS picked', timeoutMs);
			return { httpUrl: String(line.httpUrl), redirectUri: String(line.redirectUri) };
		},
		kill: (signal) => void child.kill(signal),
		exited: output.exited,
	};
}
