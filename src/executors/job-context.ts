import type {RunLogger} from '../log/run-logger.js';
import {capText, progressFraction, progressMessage, safeString} from './progress-value.js';
import type {RunPaths} from './executor.js';
import type {WorkerJob} from './worker-protocol.js';

/** The `ctx` a job module's function receives (product.md, "What a job is"). */
export type JobContext = {
	jobId: string;
	runId: number;
	params: Record<string, unknown>;
	scheduledAt: Date;
	tradeDate: string | undefined;
	attempt: number;
	log: RunLogger['logger'];
	progress(fraction?: unknown, message?: unknown): void;
	signal: AbortSignal;
	paths: RunPaths;
	notify(title: unknown, body: unknown, options?: {users?: unknown}): void;
};

/** Where a job's reports go (the worker's batching towards the executor). */
export type ContextReports = {
	progress(fraction: number | undefined, message: string | undefined): void;
	notify(title: string, body: string, users: string[] | undefined): void;
};

const maxTitle = 200;
const maxBody = 100_000;

/**
 * A run's ctx. What the job passes to progress and notify is checked here, where it is made: only a
 * finite fraction in 0..1, text as text (capped), users as strings; whatever else a job passes cannot
 * reach the scheduler's thread as anything but these.
 */
export function jobContext(job: WorkerJob, log: RunLogger['logger'], signal: AbortSignal, reports: ContextReports): JobContext {
	return {
		jobId: job.jobId,
		runId: job.runId,
		params: job.params,
		scheduledAt: new Date(job.scheduledAt),
		tradeDate: job.tradeDate,
		attempt: job.attempt,
		log,
		signal,
		paths: {...job.paths},
		progress(fraction, message) {
			reports.progress(progressFraction(fraction), progressMessage(message));
		},
		notify(title, body, options) {
			const users = Array.isArray(options?.users) ? options.users.filter((user): user is string => typeof user === 'string') : undefined;
			reports.notify(capText(safeString(title), maxTitle), capText(safeString(body), maxBody), users);
		},
	};
}
