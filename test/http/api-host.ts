import {request as httpRequest} from 'node:http';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

export type ApiHost = {host: SchedulerHost; url: string; root: TempRoot; close(): Promise<void>};

/**
 * A real scheduling host on a temp root (the same SchedulerHost as --headless), its HTTP API on
 * 127.0.0.1 with a free port; `tokens` goes into SAGE_API_TOKENS as an operator would set it.
 */
export async function startApiHost(jobsYaml: string, options: {tokens?: string; files?: Record<string, string>} = {}): Promise<ApiHost> {
	const root = makeTempRoot({'config/jobs.yaml': jobsYaml, ...options.files});
	// Put back at close: files that share a test process must not find this host's tokens set.
	const tokensBefore = process.env.SAGE_API_TOKENS;
	if (options.tokens === undefined) {
		delete process.env.SAGE_API_TOKENS;
	} else {
		process.env.SAGE_API_TOKENS = options.tokens;
	}

	const host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
	await host.start();
	return {
		host,
		url: host.apiUrl ?? '',
		root,
		async close() {
			await host.close('cancel');
			root.remove();
			if (tokensBefore === undefined) {
				delete process.env.SAGE_API_TOKENS;
			} else {
				process.env.SAGE_API_TOKENS = tokensBefore;
			}
		},
	};
}

/** A request with a Host header of the test's choosing (fetch will not send another host's name). */
export async function rawRequest(url: string, headers: Record<string, string>): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(url, {headers}, response => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}));
		});
		request.on('error', reject);
		request.end();
	});
}

/** Reads a Server-Sent Events stream into events, as a browser's EventSource parses it. */
export class SseReader {
	readonly events: Array<{id?: string; event: string; data: unknown}> = [];
	private readonly controller = new AbortController();
	private done: Promise<void> | undefined;
	private readonly waiters: Array<{test: () => boolean; resolve: () => void}> = [];

	constructor(private readonly url: string, private readonly headers: Record<string, string>) {}

	async open(): Promise<number> {
		const response = await fetch(this.url, {headers: this.headers, signal: this.controller.signal});
		if (!response.ok || !response.body) {
			return response.status;
		}

		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		this.done = (async () => {
			let buffer = '';
			try {
				for (;;) {
					const {value, done} = await reader.read();
					if (done) {
						return;
					}

					buffer += value;
					let end = buffer.indexOf('\n\n');
					while (end !== -1) {
						this.take(buffer.slice(0, end));
						buffer = buffer.slice(end + 2);
						end = buffer.indexOf('\n\n');
					}
				}
			} catch {
				// Aborted by close().
			}
		})();
		return response.status;
	}

	/** Settles once an event passes `test`. */
	async waitFor(test: (event: {id?: string; event: string; data: unknown}) => boolean): Promise<void> {
		const check = () => this.events.some(event => test(event));
		if (check()) {
			return;
		}

		return new Promise(resolve => {
			this.waiters.push({test: check, resolve});
		});
	}

	async close(): Promise<void> {
		this.controller.abort();
		await this.done;
	}

	private take(block: string): void {
		const fields: Record<string, string> = {};
		for (const line of block.split('\n')) {
			if (line.startsWith(':') || line === '') {
				continue;
			}

			const colon = line.indexOf(':');
			fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
		}

		if (fields.data === undefined) {
			return;
		}

		this.events.push({id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) as unknown});
		for (const waiter of this.waiters.filter(w => w.test())) {
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve();
		}
	}
}
