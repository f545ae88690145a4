import { explainStartError } from './explainStartError.js';

// What an entry point does around its app: start it, stop it on SIGTERM/SIGINT within 5 s, explain a failed start.

export interface Stoppable {
	stop(): Promise<void>;
}

const EXIT_DEADLINE_MS = 5_000;

/** `stopOn`: more process events that stop the app, e.g. 'disconnect' when the parent process is gone. */
export function runEntry(startApp: () => Promise<Stoppable>, stopOn: string[] = []): void {
	// Through a promise, so a configuration error thrown before startApp returns is explained too.
	Promise.resolve()
		.then(startApp)
		.then(
			(app) => {
				let stopping = false;
				const stop = () => {
					if (stopping) return;
					stopping = true;
					// Exit within 5 s whatever happens.
					setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
					app.stop().then(
						() => process.exit(0),
						() => process.exit(1),
					);
				};
				for (const event of ['SIGTERM', 'SIGINT', ...stopOn]) process.once(event, stop);
			},
			(error: unknown) => {
				console.error(explainStartError(error));
				process.exit(1);
			},
		);
}
