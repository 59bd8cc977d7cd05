import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach} from 'vitest';

export type Received = {method: string; path: string; headers: IncomingHttpHeaders; body: string};

/**
 * A real HTTP server on 127.0.0.1 that keeps every request (webhooks, ping_url pings), answering with
 * `status` (200 unless a test changes it).
 */
export class LocalReceiver {
	readonly received: Received[] = [];
	status = 200;
	private readonly server: Server;
	private readonly waiters: Array<{count: number; resolve: () => void}> = [];

	constructor() {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				this.received.push({method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8')});
				response.writeHead(this.status, {'content-type': 'text/plain'}).end('OK');
				for (const waiter of this.waiters.filter(w => this.received.length >= w.count)) {
					waiter.resolve();
				}
			});
		});
	}

	async start(): Promise<string> {
		await new Promise<void>(resolve => {
			this.server.listen(0, '127.0.0.1', resolve);
		});
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Settles once `count` requests have arrived in all. */
	async waitFor(count: number): Promise<void> {
		if (this.received.length >= count) {
			return;
		}

		return new Promise(resolve => {
			this.waiters.push({count, resolve});
		});
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise(resolve => {
			this.server.close(resolve);
		});
	}
}

/** Starts a LocalReceiver for the calling test file's tests: each one started is stopped after its test. */
export function trackLocalReceivers(): () => Promise<{receiver: LocalReceiver; url: string}> {
	const started: LocalReceiver[] = [];
	afterEach(async () => {
		await Promise.all(started.splice(0).map(async receiver => receiver.stop()));
	});
	return async () => {
		const receiver = new LocalReceiver();
		started.push(receiver);
		return {receiver, url: await receiver.start()};
	};
}
