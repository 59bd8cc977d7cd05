/**
 * A run's timeout, heap cap and time zone on a worker: its own job's, as its jobs.yaml defines them,
 * never as Redis carried them. The scheduler sends the job's own values every time (liveRunSpec and
 * remote-adoption.ts take them from the job; no `run --timeout`, backfill, retry or hand-over sets
 * another for one run; max_duration only alerts), so nothing legitimate is lost, and a writer to Redis
 * can no longer lift a job's timeout or heap cap. Checkouts at other commits may differ here: the run
 * goes on with the worker's own (the scheduler still enforces its own timeout too, so the shorter
 * wins), and its message says so, as a module file that is not the console's is said (module-digest.ts).
 */
import {formatDuration} from '../config/quantities.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {RunSpec} from '../executors/executor.js';
import type {RemoteJobData} from './remote-job-data.js';

export type OwnLimits = Pick<RunSpec, 'timeoutMs' | 'maxMemoryMb' | 'timeZone'> & {
	/** `timeout 20m here, 30m on the scheduler; …: worker gpu1:4 applies its own` when they differ. */
	note?: string;
};

export function ownLimits(data: RemoteJobData, job: JobDefinition, worker: string, file: string): OwnLimits {
	const shownTime = (ms: number | undefined) => (ms === undefined ? 'none' : formatDuration(ms));
	const shownMemory = (mb: number | undefined) => (mb === undefined ? 'none' : `${mb} MiB`);
	const differences = [
		...(data.timeoutMs === job.timeoutMs ? [] : [`timeout ${shownTime(job.timeoutMs)} here, ${shownTime(data.timeoutMs)} on the scheduler`]),
		...(data.maxMemoryMb === job.maxMemoryMb ? [] : [`max_memory ${shownMemory(job.maxMemoryMb)} here, ${shownMemory(data.maxMemoryMb)} on the scheduler`]),
		...(data.timeZone === undefined || data.timeZone === job.timezone ? [] : [`timezone ${job.timezone} here, ${data.timeZone} on the scheduler`]),
	];
	return {
		timeoutMs: job.timeoutMs,
		maxMemoryMb: job.maxMemoryMb,
		timeZone: job.timezone,
		...(differences.length === 0 ? {} : {note: `worker ${worker}'s ${file} defines ${job.id} with ${differences.join('; ')}: the run had the worker's own (its checkout is at another commit)`}),
	};
}
