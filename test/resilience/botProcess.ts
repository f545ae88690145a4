import { spawn, type ChildProcess } from 'node:child_process';
import { npmScriptNodeFlags } from '../../standins/npmScriptFlags.js';

// The bot as its own process (`node <npm start's flags> --import tsx src/index.ts`), as it runs in production:
// configured only by its environment, logging JSON lines to stdout, stopped by signals. Tests hold its output and
// its exit.

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

export function spawnBot(env: Record<string, string>): BotProcess {
	const args = [...npmScriptNodeFlags('start'), '--import', 'tsx', 'src/index.ts'];
	const child = spawn(process.execPath, args, {
		cwd: process.cwd(),
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const lines: LogLine[] = [];
	const waiters = new Set<() => void>();
	let partial = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		const parts = (partial + chunk).split('\n');
		partial = parts.pop() ?? '';
		for (const part of parts) {
			const line = parseLine(part);
			if (line) lines.push(line);
		}
		for (const waiter of [...waiters]) waiter();
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	let exit: ProcessExit | undefined;
	const exited = new Promise<ProcessExit>((resolve) => {
		child.once('exit', (code, signal) => {
			exit = { code, signal, at: performance.now() };
			resolve(exit);
			for (const waiter of [...waiters]) waiter();
		});
	});

	const describe = () => `stdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-3000)}`;
	function waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
		return new Promise((resolve, reject) => {
			const finish = (error: Error | undefined, line?: LogLine) => {
				clearTimeout(timer);
				waiters.delete(check);
				if (error) reject(error);
				else resolve(line as LogLine);
			};
			const check = () => {
				const found = lines.find(predicate);
				if (found) finish(undefined, found);
				else if (exit) finish(new Error(`bot exited (${exit.code ?? exit.signal}) first\n${describe()}`));
			};
			const timer = setTimeout(
				() => finish(new Error(`log line not seen in ${timeoutMs} ms\n${describe()}`)),
				timeoutMs,
			);
			waiters.add(check);
			check();
		});
	}

	return {
		child,
		get stdout() {
			return stdout;
		},
		get stderr() {
			return stderr;
		},
		logs: () => [...lines],
		waitForLog,
		ready: async (timeoutMs = 20_000) => {
			await waitForLog((line) => line.msg === 'bot is ready', timeoutMs);
		},
		kill: (signal) => {
			child.kill(signal);
		},
		exited,
	};
}
