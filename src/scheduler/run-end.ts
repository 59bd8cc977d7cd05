/**
 * How a run's end is written down: the status and fields its outcome moves it to, and the line the
 * log tail and the process log get.
 */
import type {LogLine} from '../core/log-line.js';
import {failureStatuses, type RunRecord, type RunStatus} from '../core/run-record.js';
import {formatDuration} from '../config/quantities.js';
import {cutResult} from '../core/run-result-cut.js';
import type {CancelReason, RunOutcome} from '../executors/executor.js';
import type {StatusPatch} from './run-recorder.js';
import type {SchedulerLogger} from './ports.js';

/** What a run stopped by the scheduler's shutdown says. */
const shutdownError = {type: 'Shutdown', message: 'cancelled: the scheduler stopped'};

/**
 * The status and fields of a run that ended with `outcome` at `now`. `waiting`: it ended while still
 * waiting for a worker, so it never started (no start, no duration). `elapsedMs`: its time since its
 * start on a clock that never steps, when known; else its duration is read off the wall clock.
 */
export function endOf(record: RunRecord, outcome: RunOutcome, now: number, waiting: boolean, cancelReason: CancelReason | undefined, elapsedMs?: number): {status: RunStatus; patch: StatusPatch} {
	const timing = waiting ? {finishedAt: now, startedAt: undefined, durationMs: undefined} : outcome.endedAt === undefined ? {finishedAt: now, durationMs: elapsedMs ?? Math.max(0, now - (record.startedAt ?? now))} : toldEnd(record, outcome.endedAt, now);
	if (outcome.status === 'success') {
		// Each note says what it is about: `result.rows[2].at: …`, `log incomplete: 12 lines not written to …`
		return {status: 'success', patch: {...timing, result: cutResult(outcome.result), progress: record.progress === undefined ? undefined : 1, message: outcome.notes?.length ? outcome.notes.join('; ') : record.message}};
	}

	const error = cancelReason === 'shutdown' && outcome.status === 'cancelled' ? shutdownError : outcome.error;
	// Its last progress and message are written too: a progress note is written at most once a second, and
	// the last one (where a failed run got to) was lost when it came less than a second after the one before.
	const message = outcome.notes?.length ? outcome.notes.join('; ') : record.message;
	return {status: outcome.status, patch: {...timing, error, ...(record.progress === undefined ? {} : {progress: record.progress}), ...(message === undefined ? {} : {message})}};
}

/**
 * The end of a run its worker told the time of (`endedAt`): then, not when the news came, which may be
 * long after (Redis away, or the scheduler stopped, while it ended); never before its start nor after now.
 */
function toldEnd(record: RunRecord, endedAt: number, now: number): {finishedAt: number; durationMs: number} {
	const startedAt = record.startedAt ?? now;
	const finishedAt = Math.min(now, Math.max(startedAt, endedAt));
	return {finishedAt, durationMs: finishedAt - startedAt};
}

/** Logs the end of a recorded run; returns its line for the log tail. */
export function logRunEnd(record: RunRecord, logger: SchedulerLogger, now: number): LogLine {
	const failed = failureStatuses.has(record.status);
	const fields = {jobId: record.jobId, runId: record.id, status: record.status, durationMs: record.durationMs, attempt: record.attempt};
	if (failed) {
		logger.error({...fields, errorType: record.error?.type, errorMessage: record.error?.message}, 'run failed');
	} else {
		logger.info(fields, 'run finished');
	}

	const summary = record.status === 'success' ? 'succeeded' : `${record.status}${record.error ? `: ${record.error.type}: ${record.error.message}` : ''}`;
	return {time: record.finishedAt ?? now, level: failed ? 'error' : 'info', msg: `${failed ? '✗' : '■'} ${record.jobId} ${summary} (run ${record.id}, ${formatDuration(record.durationMs ?? 0)})`, jobId: record.jobId, runId: record.id};
}
