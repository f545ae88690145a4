import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

// "Connection refused" on a port nobody else can take meanwhile: the local end of a connection this process keeps
// open to a server of its own. That port is bound, so no server can listen on it, and nothing listens, so a
// connection to it is refused. A port found free and released could be taken by anyone before the test used it.

export interface RefusedUrl {
	/** e.g. http://127.0.0.1:43817 */
	url: string;
	/** Gives the port back. */
	close(): Promise<void>;
}

export async function holdRefusedUrl(): Promise<RefusedUrl> {
	const accepted = new Set<Socket>();
	const server = createServer((socket) => accepted.add(socket.on('error', () => undefined)));
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const holder = connect((server.address() as { port: number }).port, '127.0.0.1');
	await once(holder, 'connect');
	return {
		url: `http://127.0.0.1:${holder.localPort}`,
		close: async () => {
			holder.destroy();
			for (const socket of accepted) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
