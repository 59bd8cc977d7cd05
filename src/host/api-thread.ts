/**
 * The HTTP API's thread, seen from the scheduler's: a worker thread that speaks the protocol over a
 * MessagePort (as the console's UI does), so parsing, routing, JSON, SSE and metrics never take a
 * slice of the scheduler's event loop. Apart from the protocol, the thread reports whether it listens
 * and the scheduler's side tells it to stop.
 */
import {MessageChannel, Worker, type MessagePort} from 'node:worker_threads';
import type {HttpSettings} from '../core/job-definition.js';
import type {Transport} from '../protocol/transport.js';
import {portTransport} from './port-transport.js';
import {workerBootCode} from '../threads/thread-boot-code.js';

/** What the API's thread is started with. Tokens are not here: the thread reads them itself. */
export type ApiThreadData = {settings: HttpSettings; root: string; port: MessagePort};

/** What the thread tells its starter, apart from the protocol. */
export type ApiThreadReport =
	/** `tid`: the thread's id as `top -H` and /proc/PID/task/ show it. */
	| {type: 'listening'; url: string; tokens: boolean; tid?: number}
	/** A setting that cannot be used (tokens, address, port in use): the thread ends. */
	| {type: 'refused'; message: string}
	/** A line for the scheduler's log (an SSE client dropped for not reading). */
	| {type: 'warn'; fields: Record<string, unknown>; message: string}
	| {type: 'stopped'};

export type ApiThreadOrder = {type: 'stop'};

export type ApiThreadStart = {url: string; tokens: boolean; tid?: number} | {refused: string};

export type ApiThread = {
	/** Settles once the thread listens or was refused; rejects when it ended before either. */
	ready: Promise<ApiThreadStart>;
	/** Settles when the thread has ended: `crash` unless it was asked to stop. */
	ended: Promise<{crash?: Error}>;
	threadId: number;
	/** Closes the server (SSE followers let go) and ends the thread; ended by force after `timeoutMs`. */
	stop(timeoutMs?: number): Promise<void>;
	/** Ends the thread at once (as a crash would). */
	terminate(): Promise<void>;
};

/** Where the thread's `warn` reports go: the scheduler's log. */
export type ApiThreadLog = {warn(fields: Record<string, unknown>, message: string): void};

/** Starts the thread; `serve` gives the protocol to the thread's end of a new MessagePort. */
export function startApiThread(settings: HttpSettings, root: string, serve: (transport: Transport) => void, log?: ApiThreadLog): ApiThread {
	const channel = new MessageChannel();
	serve(portTransport(channel.port1));
	const worker = new Worker(workerBootCode('api-thread-entry', import.meta.url, 'from-source'), {
		eval: true,
		workerData: {settings, root, port: channel.port2} satisfies ApiThreadData,
		transferList: [channel.port2],
	});
	let asked = false;
	let crash: Error | undefined;
	const ended = new Promise<{crash?: Error}>(resolve => {
		worker.on('error', error => {
			crash = error;
		});
		worker.on('exit', code => {
			channel.port1.close();
			resolve(asked && !crash ? {} : {crash: crash ?? new Error(`the thread ended (exit code ${code})`)});
		});
	});
	const ready = new Promise<ApiThreadStart>((resolve, reject) => {
		worker.on('message', (report: ApiThreadReport) => {
			if (report.type === 'listening') {
				resolve({url: report.url, tokens: report.tokens, tid: report.tid});
			} else if (report.type === 'warn') {
				log?.warn(report.fields, report.message);
			} else if (report.type === 'refused') {
				// Refused is not a crash: the thread ends by itself.
				asked = true;
				resolve({refused: report.message});
			}
		});
		void ended.then(({crash: error}) => reject(error ?? new Error('the thread ended before it listened')));
	});
	ready.catch(() => undefined);
	return {
		ready,
		ended,
		threadId: worker.threadId,
		async stop(timeoutMs = 5000) {
			asked = true;
			worker.postMessage({type: 'stop'} satisfies ApiThreadOrder);
			const timer = setTimeout(() => void worker.terminate(), timeoutMs);
			await ended;
			clearTimeout(timer);
		},
		async terminate() {
			await worker.terminate();
			await ended;
		},
	};
}
