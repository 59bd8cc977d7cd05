/**
 * The console's scheduler on a thread of its own: the same SchedulerHost as `--headless`, started on
 * a worker thread, so the console's drawing (Ink may hold its thread as long as it likes) never
 * delays a fire. The console talks to it with the protocol over a MessagePort, exactly as another
 * process does over the socket.
 */
import {MessageChannel, Worker} from 'node:worker_threads';
import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {SchedulerClient} from '../protocol/client.js';
import type {ResultOf} from '../protocol/messages.js';
import {DatabaseError} from '../store/database-error.js';
import {SchedulerRunningError} from './instance-lock.js';
import type {AppPaths} from './paths.js';
import {portTransport} from './port-transport.js';
import {workerBootCode} from '../threads/thread-boot-code.js';

/** What the thread tells its starter, apart from the protocol. */
export type ThreadReport =
	| {type: 'ready'}
	| {type: 'failed'; name: string; message: string; problems?: ConfigProblem[]; holderPid?: number}
	| {type: 'stopped'};

/** What the starter tells the thread. */
export type ThreadOrder = {type: 'stop'; mode?: 'wait' | 'cancel'};

export type SchedulerThread = {
	client: SchedulerClient;
	server: ResultOf<'hello'>;
	/** Stops the scheduler (its `shutdown` setting unless `mode`) and ends the thread. */
	stop(mode?: 'wait' | 'cancel'): Promise<void>;
	/**
	 * Settles when the thread has ended: undefined after `stop()`, otherwise the error it crashed with
	 * (an uncaught exception, its heap exhausted) or one saying it exited unasked.
	 */
	ended: Promise<Error | undefined>;
};

/** A start-up failure on the thread, as the same error class the CLI knows how to report. */
function startError(report: Extract<ThreadReport, {type: 'failed'}>, lockFile: string): Error {
	switch (report.name) {
		case 'ConfigError': {
			return new ConfigError(report.problems ?? []);
		}

		case 'SchedulerRunningError': {
			return new SchedulerRunningError(report.holderPid, lockFile, report.message);
		}

		case 'DatabaseError': {
			return new DatabaseError(report.message);
		}

		default: {
			const error = new Error(report.message);
			error.name = report.name;
			return error;
		}
	}
}

export async function startSchedulerThread(paths: AppPaths): Promise<SchedulerThread> {
	const channel = new MessageChannel();
	const worker = new Worker(workerBootCode('scheduler-thread-entry', import.meta.url, 'from-source'), {
		eval: true,
		workerData: {paths, port: channel.port2},
		transferList: [channel.port2],
	});
	let stopped: (() => void) | undefined;
	let stopAsked = false;
	let exited = false;
	const ended = new Promise<Error | undefined>(resolve => {
		let crash: Error | undefined;
		worker.on('error', error => {
			crash = error;
		});
		worker.on('exit', code => {
			exited = true;
			stopped?.();
			resolve(crash ?? (stopAsked ? undefined : new Error(`the scheduler thread exited with code ${code} without being asked to stop`)));
		});
	});
	await new Promise<void>((resolve, reject) => {
		worker.on('message', (report: ThreadReport) => {
			if (report.type === 'ready') {
				resolve();
			} else if (report.type === 'failed') {
				reject(startError(report, paths.lockFile));
			} else if (report.type === 'stopped') {
				stopped?.();
			}
		});
		void ended.then(crash => reject(crash ?? new Error('the scheduler thread ended before it was ready')));
	});
	const {client, server} = await SchedulerClient.connect(portTransport(channel.port1), 'console');
	return {
		client,
		server,
		async stop(mode) {
			stopAsked = true;
			if (exited) {
				// Crashed or exited before: nothing to stop (the 'stopped' report would never come).
				client.close();
				return;
			}

			const done = new Promise<void>(resolve => {
				stopped = resolve;
			});
			worker.postMessage({type: 'stop', mode} satisfies ThreadOrder);
			await done;
			client.close();
		},
		ended,
	};
}
