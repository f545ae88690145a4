import { once } from 'node:events';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redirectsToPickedPort, withListeningPort, type BotConfig } from '../config.js';
import type { Logger } from '../log.js';

// The HTTP server around the OAuth app, shared by the one-process bot and the sharding manager.

export interface CallbackServer {
	server: Server;
	/** Hands every request to `handler` from now on. */
	serve(handler: RequestListener): void;
	/** Takes no new requests and resolves once the running ones are answered. */
	drain(): Promise<unknown>;
}

export function createCallbackServer(): CallbackServer {
	const answering = new Set<ServerResponse>();
	let handler: RequestListener | undefined;
	const server = createServer((req, res) => {
		answering.add(res);
		res.once('close', () => answering.delete(res));
		if (handler) handler(req, res);
		// Only while a picked port listens ahead of the services (see listenOnPickedPort).
		else res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Starting, try again shortly.');
	});
	const drain = () => {
		// Else a browser's keep-alive connection would hold close() open after its answer.
		for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
		return new Promise((resolve) => server.close(resolve));
	};
	return { server, serve: (next) => (handler = next), drain };
}

/** Listens, or fails with a message naming the variable to change; returns e.g. http://127.0.0.1:8888. */
export async function listen(server: Server, host: string, port: number): Promise<string> {
	try {
		server.listen(port, host);
		await once(server, 'listening');
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new Error(
			code === 'EADDRINUSE'
				? `HTTP_PORT ${port} is already in use on ${host}: stop what uses it or choose another port (and update SPOTIFY_REDIRECT_URI)`
				: `cannot listen on HTTP_HOST ${host}, HTTP_PORT ${port}: ${(error as Error).message}`,
			{ cause: error },
		);
	}
	const address = server.address() as AddressInfo;
	return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

export interface PickedPort {
	/** The configuration with the redirect URI on the picked port (see withListeningPort). */
	config: BotConfig;
	/** Where the server listens already; undefined when it listens later, as it always did. */
	httpUrl: string | undefined;
}

/**
 * HTTP_PORT=0 with a redirect URI on port 0 (as the tests run): the redirect URI the services hand out must name the
 * port the OS picks, so listen before they are built, and log where. Any other configuration is left alone.
 */
export async function listenOnPickedPort(
	callback: CallbackServer | undefined,
	config: BotConfig,
	logger: Logger,
): Promise<PickedPort> {
	if (!callback || !redirectsToPickedPort(config)) return { config, httpUrl: undefined };
	const httpUrl = await listen(callback.server, config.http.host, 0);
	const picked = withListeningPort(config, httpUrl);
	logger.info({ httpUrl, redirectUri: picked.spotify.redirectUri }, 'listening on the port the OS picked');
	return { config: picked, httpUrl };
}
