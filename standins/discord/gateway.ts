import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { DiscordContext, StandinGuild } from './context.js';
import { isObject, type Json } from './json.js';
import { buildGuild } from './objects.js';

// The JSON gateway on the REST port: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay of
// missed events, and sharding by guild id. It is how interactions reach the bot, so it keeps every session.

const GUILDS_INTENT = 1;

interface GatewaySession {
	id: string;
	seq: number;
	socket: WebSocket | undefined;
	sent: Json[];
	identify: Json;
}

interface GatewayConnection {
	socket: WebSocket;
	session?: GatewaySession;
}

function buildReady(standin: DiscordContext, sessionId: string, guilds: StandinGuild[]): Json {
	return {
		v: 10,
		user_settings: {},
		user: standin.botUser,
		guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
		session_id: sessionId,
		session_type: 'normal',
		resume_gateway_url: standin.gatewayUrl,
		private_channels: [],
		relationships: [],
		presences: [],
		guild_join_requests: [],
		geo_ordered_rtc_regions: [],
		auth: {},
		application: { id: standin.applicationId, flags: 0 },
		_trace: ['standin'],
	};
}

export class Gateway {
	readonly identifies: Json[] = [];
	readonly gatewayConnections: string[] = [];
	resumes = 0;
	private readonly sessions = new Map<string, GatewaySession>();
	private readonly events = new EventEmitter();
	private readonly wss: WebSocketServer;

	constructor(
		private readonly standin: DiscordContext,
		server: Server,
		private readonly heartbeatIntervalMs: number,
	) {
		this.wss = new WebSocketServer({ server });
		this.wss.on('connection', (socket, request) => this.onConnection(socket, request));
		this.events.setMaxListeners(0);
	}

	private onConnection(socket: WebSocket, request: IncomingMessage): void {
		this.gatewayConnections.push(request.url ?? '/');
		const connection: GatewayConnection = { socket };
		socket.on('message', (data) => this.onGatewayMessage(connection, data));
		socket.on('close', () => {
			if (connection.session?.socket === socket) connection.session.socket = undefined;
		});
		socket.on('error', () => undefined);
		socket.send(
			JSON.stringify({
				op: 10,
				s: null,
				t: null,
				d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: ['standin'] },
			}),
		);
	}

	private onGatewayMessage(connection: GatewayConnection, data: RawData): void {
		let payload: Json;
		try {
			const buffer = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
			const text = buffer.toString('utf8');
			payload = JSON.parse(text) as Json;
		} catch {
			connection.socket.close(4002, 'Error while decoding payload.');
			return;
		}
		const d = isObject(payload.d) ? payload.d : {};
		switch (payload.op) {
			case 1:
				connection.socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
				return;
			case 2:
				return this.identify(connection, d);
			case 6:
				return this.resume(connection, d);
			case 3:
			case 4:
			case 8:
				return;
			default:
				connection.socket.close(4001, 'Unknown opcode.');
		}
	}

	private identify(connection: GatewayConnection, d: Json): void {
		if (connection.session) return connection.socket.close(4005, 'Already authenticated.');
		if (d.token !== this.standin.token) return connection.socket.close(4004, 'Authentication failed.');
		this.identifies.push(d);
		const session: GatewaySession = {
			id: randomBytes(16).toString('hex'),
			seq: 0,
			socket: connection.socket,
			sent: [],
			identify: d,
		};
		this.sessions.set(session.id, session);
		connection.session = session;
		const guilds = this.standin.guilds.filter((guild) => this.sessionServes(session, guild.id));
		const ready = buildReady(this.standin, session.id, guilds);
		this.dispatch(session, 'READY', Array.isArray(d.shard) ? { ...ready, shard: d.shard } : ready);
		// Guild data comes only with the GUILDS intent; without it discord.js waits for guilds that never come.
		if ((Number(d.intents) & GUILDS_INTENT) !== 0) {
			guilds.forEach((guild) =>
				this.dispatch(session, 'GUILD_CREATE', buildGuild(this.standin, guild, this.standin.guilds.indexOf(guild))),
			);
		}
		this.events.emit('ready');
	}

	private resume(connection: GatewayConnection, d: Json): void {
		this.resumes += 1;
		if (d.token !== this.standin.token) return connection.socket.close(4004, 'Authentication failed.');
		const session = this.sessions.get(String(d.session_id));
		if (!session) {
			connection.socket.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
			return;
		}
		if (session.socket && session.socket !== connection.socket) session.socket.terminate();
		session.socket = connection.socket;
		connection.session = session;
		// Replay what the client missed while disconnected, as Discord does.
		for (const payload of session.sent) {
			if (Number(payload.s) > Number(d.seq ?? 0)) connection.socket.send(JSON.stringify(payload));
		}
		this.dispatch(session, 'RESUMED', { _trace: ['standin'] });
		this.events.emit('ready');
	}

	private sessionServes(session: GatewaySession, guildId: string): boolean {
		const shard = session.identify.shard;
		if (!Array.isArray(shard) || shard.length !== 2) return true;
		const [id, count] = shard as [number, number];
		return (BigInt(guildId) >> 22n) % BigInt(count) === BigInt(id);
	}

	private dispatch(session: GatewaySession, t: string, d: unknown): void {
		session.seq += 1;
		const payload = { op: 0, t, s: session.seq, d };
		session.sent.push(payload);
		if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(payload));
	}

	/** To every connected session serving the guild; if none is connected, to the newest one (replayed on RESUME). */
	deliver(guildId: string, t: string, d: Json): void {
		const serving = [...this.sessions.values()].filter((session) => this.sessionServes(session, guildId));
		const connected = serving.filter((session) => session.socket?.readyState === WebSocket.OPEN);
		const targets = connected.length > 0 ? connected : serving.slice(-1);
		if (targets.length === 0) throw new Error('No gateway session: log the client in and await its ready event first');
		targets.forEach((session) => this.dispatch(session, t, d));
	}

	async waitForGateway(timeoutMs = 10_000): Promise<void> {
		const connected = (): boolean =>
			[...this.sessions.values()].some((session) => session.socket?.readyState === WebSocket.OPEN);
		if (connected()) return;
		await once(this.events, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch(() => {
			throw new Error(
				`No gateway session became ready within ${timeoutMs} ms (connections: ${this.gatewayConnections.length})`,
			);
		});
	}

	disconnectAll(code = 4000): void {
		for (const session of this.sessions.values()) session.socket = undefined;
		for (const client of this.wss.clients) client.close(code, 'Stand-in disconnect');
	}

	async close(): Promise<void> {
		for (const client of this.wss.clients) client.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}
}
