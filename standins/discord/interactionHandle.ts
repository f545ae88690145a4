import type { Json } from './json.js';
import type { CallbackBody, InteractionHandle, RecordedRequest, StandinMessage, StandinModal } from './types.js';

// One dispatched interaction as tests see it: everything the bot sent about it, and promises that settle when the
// bot has answered. The REST side pushes into it and calls notify() after each request.

export class StandinInteraction implements InteractionHandle {
	readonly requests: RecordedRequest[] = [];
	readonly callbacks: CallbackBody[] = [];
	readonly edits: Json[] = [];
	readonly followUps: Json[] = [];
	readonly followUpMessages: StandinMessage[] = [];
	readonly sentAt = performance.now();
	message: StandinMessage | undefined;
	modal: StandinModal | undefined;
	choices: Json[] | undefined;
	respondedAt: number | undefined;
	private readonly listeners = new Set<() => void>();

	constructor(
		readonly payload: Json,
		readonly createdAt: number,
		readonly sourceMessage?: StandinMessage,
		/** For a modal submit: the interaction the bot answered with the modal. */
		readonly trigger?: StandinInteraction,
	) {}

	get responseMs(): number | undefined {
		return this.respondedAt === undefined ? undefined : this.respondedAt - this.sentAt;
	}

	get id(): string {
		return this.payload.id as string;
	}

	get token(): string {
		return this.payload.token as string;
	}

	get type(): number {
		return this.payload.type as number;
	}

	get user(): Json {
		return ((this.payload.member as Json | undefined)?.user ?? this.payload.user) as Json;
	}

	notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	async waitForCallback(timeoutMs = 5000): Promise<CallbackBody> {
		await this.waitFor((handle) => handle.callbacks.length > 0, timeoutMs);
		return this.callbacks[0] as CallbackBody;
	}

	waitFor(predicate: (handle: InteractionHandle) => boolean, timeoutMs = 5000): Promise<InteractionHandle> {
		return new Promise((resolve, reject) => {
			const finish = (error?: Error): void => {
				clearTimeout(timer);
				this.listeners.delete(check);
				if (error) reject(error);
				else resolve(this);
			};
			const check = (): void => {
				try {
					if (predicate(this)) finish();
				} catch (error) {
					finish(error instanceof Error ? error : new Error('waitFor predicate threw'));
				}
			};
			const timer = setTimeout(() => finish(new Error(this.describeTimeout(timeoutMs))), timeoutMs);
			this.listeners.add(check);
			check();
		});
	}

	private describeTimeout(timeoutMs: number): string {
		const lines = this.requests.map(
			(request) =>
				`  ${request.method} ${request.path} → ${request.status} ${JSON.stringify(request.body)?.slice(0, 300) ?? ''}`,
		);
		return `Interaction ${this.id}: condition not met within ${timeoutMs} ms. Received ${this.requests.length} request(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}`;
	}
}
