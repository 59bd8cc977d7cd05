/** What an executor is told of a run it is to carry out: the job's target and limits, the run's params, attempt and log. */
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import type {RunPaths, RunSpec} from '../executors/executor.js';

/** The spec of a run of a job that is not a group (a group's members are runs of their own). */
export function liveRunSpec(pending: PendingRun, target: RunSpec['target'], record: RunRecord, logPath: string, paths: RunPaths): RunSpec {
	return {
		runId: record.id,
		jobId: pending.job.id,
		target,
		params: pending.params,
		scheduledAt: pending.scheduledAt,
		attempt: pending.attempt,
		trigger: pending.trigger,
		tradeDate: pending.tradeDate,
		timeZone: pending.job.timezone,
		logPath,
		paths,
		timeoutMs: pending.job.timeoutMs,
		maxMemoryMb: pending.job.maxMemoryMb,
	};
}
