import { once } from 'node:events';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The HTTP server around the OAuth app, shared by the one-process bot and the sharding manager.

export interface CallbackServer {
	server: Server;
	/** Takes no new requests and resolves once the running ones are answered. */
	drain(): Promise<unknown>;
}

export function createCallbackServer(handler: RequestListener): CallbackServer {
	const answering = new Set<ServerResponse>();
	const server = createServer((req, res) => {
		answering.add(res);
		res.once('close', () => answering.delete(res));
		handler(req, res);
	});
	const drain = () => {
		// Else a browser's keep-alive connection would hold close() open after its answer.
		for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
		return new Promise((resolve) => server.close(resolve));
	};
	return { server, drain };
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
