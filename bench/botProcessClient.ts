import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { npmScriptNodeFlags } from '../standins/npmScriptFlags.js';
import type { BotCallKind, BotCalls, BotReply } from './protocol.js';

// The bench's handle on the bot's process: forks the compiled botProcess.js under plain node, with npm start's Node
// flags, and turns its IPC messages into awaited calls.

export interface BotProcess {
	call<K extends BotCallKind>(kind: K, args: BotCalls[K]['args']): Promise<BotCalls[K]['result']>;
	/** Stops the bot and waits for its process to end. */
	close(): Promise<void>;
}

const EXIT_WAIT_MS = 3_000;

export function forkBotProcess(entry: string): BotProcess {
	// Advanced serialization keeps Buffers (the token encryption key) intact.
	const child: ChildProcess = fork(entry, [], { execArgv: npmScriptNodeFlags('start'), serialization: 'advanced' });
	const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;
	child.on('message', (reply: BotReply) => {
		const pending = waiting.get(reply.id);
		waiting.delete(reply.id);
		if (reply.ok) pending?.resolve(reply.value);
		else pending?.reject(new Error(`bot process: ${reply.error}`));
	});
	child.once('exit', (code) => {
		for (const pending of waiting.values()) pending.reject(new Error(`bot process exited with ${code}`));
		waiting.clear();
	});

	function call<K extends BotCallKind>(kind: K, args: BotCalls[K]['args']): Promise<BotCalls[K]['result']> {
		const id = nextId++;
		return new Promise((resolve, reject) => {
			waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, kind, args });
		});
	}

	return {
		call,
		async close() {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			await call('stop', {}).catch(() => undefined);
			const timer = setTimeout(() => child.kill(), EXIT_WAIT_MS);
			await exited;
			clearTimeout(timer);
		},
	};
}
