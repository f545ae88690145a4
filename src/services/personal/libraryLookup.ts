import { LIBRARY_URIS_MAX } from '../spotify/listenerClient.js';

// "Which of these are in the listener's library?", asked by a playlist run many times over (all its seeds at once,
// then each LLM pick as it is verified): lookups made within a few milliseconds of each other go out together, at
// most LIBRARY_URIS_MAX URIs a call and the calls in parallel, and each URI is asked about once per run.

/** How long a lookup waits for others to join its call. */
const GATHER_MS = 15;

interface Waiting {
	uri: string;
	resolve: (saved: boolean) => void;
	reject: (error: unknown) => void;
}

/** `check` answers one call (at most LIBRARY_URIS_MAX URIs); the result answers any number, as the saved ones. */
export function createLibraryLookup(
	check: (uris: string[]) => Promise<boolean[]>,
): (uris: string[]) => Promise<Set<string>> {
	const known = new Map<string, Promise<boolean>>();
	let waiting: Waiting[] = [];
	let timer: NodeJS.Timeout | undefined;

	const send = (batch: Waiting[]) =>
		check(batch.map((entry) => entry.uri)).then(
			(flags) => batch.forEach((entry, index) => entry.resolve(flags[index] === true)),
			(error: unknown) => batch.forEach((entry) => entry.reject(error)),
		);
	const flush = () => {
		clearTimeout(timer);
		timer = undefined;
		const batch = waiting;
		waiting = [];
		for (let from = 0; from < batch.length; from += LIBRARY_URIS_MAX)
			void send(batch.slice(from, from + LIBRARY_URIS_MAX));
	};
	const lookup = (uri: string): Promise<boolean> => {
		let saved = known.get(uri);
		if (saved) return saved;
		saved = new Promise<boolean>((resolve, reject) => waiting.push({ uri, resolve, reject }));
		known.set(uri, saved);
		timer ??= setTimeout(flush, GATHER_MS);
		return saved;
	};
	return async (uris) => {
		const flags = await Promise.all(uris.map(lookup));
		return new Set(uris.filter((_, index) => flags[index]));
	};
}
