import type {RunPaths} from '../engine/ports.js';
import type {RunError} from '../engine/run-record.js';

/** What the scheduler sends a job worker. */
export type ToWorker =
	| {type: 'run'; job: WorkerJob}
	| {type: 'abort'; reason: string};

export type WorkerJob = {
	modulePath: string;
	jobId: string;
	runId: number;
	params: Record<string, unknown>;
	scheduledAt: number;
	attempt: number;
	tradeDate?: string;
	logPath: string;
	paths: RunPaths;
};

/** What a job worker reports back. */
export type FromWorker =
	| {type: 'ready'}
	| {type: 'progress'; fraction?: number; message?: string}
	| {type: 'log'; lines: string[]}
	| {type: 'notify'; title: string; body: string; users?: string[]}
	| ({type: 'done'; lines?: string[]} & ({ok: true; result: unknown} | {ok: false; error: RunError}));
