import type {RunPaths} from '../engine/ports.js';
import type {RunError} from '../core/run-record.js';

/** What the scheduler sends a job worker. */
export type ToWorker =
	| {type: 'run'; job: WorkerJob}
	| {type: 'abort'; runId: number; reason: string};

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
	/**
	 * For a run handed to a busy worker, to start after the runs before it: who gets it, shared with the
	 * scheduler. 0 waiting; the worker claims it (0 → 1) as it starts it, or the scheduler withdraws it
	 * (0 → 2) to run elsewhere or not at all. Whoever swaps first has it.
	 */
	claim?: Int32Array;
};

/** States of WorkerJob.claim. */
export const claimStates = {waiting: 0, started: 1, withdrawn: 2} as const;

/** What a job worker reports back. */
export type FromWorker =
	| {type: 'ready'}
	| {type: 'started'; runId: number; at: number}
	| {type: 'progress'; runId: number; fraction?: number; message?: string}
	| {type: 'log'; runId: number; lines: string[]}
	| {type: 'notify'; runId: number; title: string; body: string; users?: string[]}
	/** `aborted`: the run was asked to stop while it ran; the worker then starts nothing more and waits to be terminated. */
	| ({type: 'done'; runId: number; aborted: boolean; lines?: string[]} & ({ok: true; result: unknown} | {ok: false; error: RunError}));
