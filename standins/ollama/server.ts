import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ChatEndpoint } from './chat.js';
import { parseBody, readBody, sendJson, sendText } from './http.js';
import { createWaiters } from '../waiters.js';
import { canonicalModel, describeModel, runningModel, showModel, VERSION } from './models.js';
import type {
	ChatAnswer,
	ChatRequestBody,
	ChatResponder,
	OllamaFault,
	OllamaLatency,
	OllamaStandin,
	OllamaStandinOptions,
	OllamaTotals,
	RecordedRequest,
} from './types.js';

// Ollama HTTP API stand-in for tests and benches: real HTTP on 127.0.0.1, seeded content-aware answers that satisfy
// the request's JSON schema, configurable latency, injectable faults and request recording. This module owns the
// listening socket, the routes and the handle tests hold; /api/chat is answered by ChatEndpoint (chat.ts).

/** Starts the stand-in on 127.0.0.1 with a random port. */
export async function startOllamaStandin(options: OllamaStandinOptions = {}): Promise<OllamaStandin> {
	const standin = new OllamaServer(options);
	await standin.listen(0);
	return standin;
}

class OllamaServer implements OllamaStandin {
	readonly requests: RecordedRequest[] = [];
	port = 0;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly models: string[];
	private readonly chatEndpoint: ChatEndpoint;
	private readonly arrivals = createWaiters();
	private closed = false;

	constructor(options: OllamaStandinOptions) {
		this.models = (options.models ?? ['mistral:latest']).map(canonicalModel);
		this.chatEndpoint = new ChatEndpoint(options, this.models);
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get chatRequests(): ChatRequestBody[] {
		return this.chatEndpoint.chatRequests;
	}

	get answers(): ChatAnswer[] {
		return this.chatEndpoint.answers;
	}

	get totals(): OllamaTotals {
		return this.chatEndpoint.totals;
	}

	get inFlight(): number {
		return this.chatEndpoint.inFlight;
	}

	get maxInFlight(): number {
		return this.chatEndpoint.maxInFlight;
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen({ port, host: '127.0.0.1' }, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const address = this.server.address();
		if (address !== null && typeof address === 'object') this.port = address.port;
	}

	setResponder(responder: ChatResponder | null): void {
		this.chatEndpoint.responder = responder;
	}

	failNext(fault: OllamaFault, times = 1): void {
		for (let i = 0; i < times; i++) this.chatEndpoint.faultQueue.push(fault);
	}

	async setFault(fault: OllamaFault | null): Promise<void> {
		this.chatEndpoint.fault = fault;
		if (fault?.kind === 'down') await this.stopListening();
		else if (!this.server.listening && !this.closed) await this.listen(this.port);
	}

	setLatency(latency: OllamaLatency): void {
		this.chatEndpoint.latency = { ...this.chatEndpoint.latency, ...latency };
	}

	resetStats(): void {
		this.requests.length = 0;
		this.chatEndpoint.resetStats();
	}

	waitForRequests(condition: (requests: RecordedRequest[]) => boolean, timeoutMs = 10_000): Promise<void> {
		return this.arrivals.until(() => condition(this.requests), timeoutMs, 'the requests the Ollama stand-in awaited');
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.stopListening();
	}

	/** Stops accepting and kills every connection, hung ones included, so tests never wait on a slow answer. */
	private async stopListening(): Promise<void> {
		const closing = new Promise<void>((resolve) => {
			if (this.server.listening) this.server.close(() => resolve());
			else resolve();
		});
		this.server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const at = performance.now();
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const method = req.method ?? 'GET';
		try {
			const text = await readBody(req);
			const body = parseBody(text);
			this.requests.push({ method, path, body, at });
			const answering = this.route(method, path, body, res);
			// After route() began: a chat is counted in flight and has taken its fault by now.
			this.arrivals.notify();
			await answering;
		} catch (error) {
			if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: String(error) });
			else res.destroy();
		}
	}

	private async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<void> {
		const route = `${method} ${path}`;
		if (route === 'GET /' || route === 'HEAD /') return sendText(res, 200, 'Ollama is running');
		if (route === 'GET /api/version') return sendJson(res, 200, { version: VERSION });
		if (route === 'GET /api/tags') return sendJson(res, 200, { models: this.models.map((m) => describeModel(m)) });
		if (route === 'GET /api/ps')
			return sendJson(res, 200, { models: [...this.chatEndpoint.loaded].map((m) => runningModel(m)) });
		if (route === 'POST /api/show') return this.show(body, res);
		if (route === 'POST /api/chat') return this.chatEndpoint.chat(body, res);
		sendText(res, 404, '404 page not found');
	}

	private show(body: unknown, res: ServerResponse): void {
		const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
		const name = typeof record.model === 'string' ? record.model : typeof record.name === 'string' ? record.name : '';
		if (!this.models.includes(canonicalModel(name))) return sendJson(res, 404, { error: `model '${name}' not found` });
		sendJson(res, 200, showModel(name));
	}
}
