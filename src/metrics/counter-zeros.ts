/**
 * Counters born at 0. Prometheus's `increase(x[15m]) > 0` cannot see a series that first appears
 * with the value 1, so every series an alert rule watches is shown at 0 before anything is counted
 * (as prom-client's `counter.inc(labels, 0)`): each job × the statuses below, each channel × outcome.
 */
import type {Counter} from 'prom-client';
import type {RunStatus} from '../core/run-record.js';

/**
 * `sage_runs_total`'s status of an attempt that ended unsuccessfully with its next attempt still to come
 * (a retry, or a worker's run handed over): not yet a failure, as for the failure notification, so an
 * alert on `status="failed"` hears only the last attempt.
 */
export const retryingStatus = 'retrying';

/** The statuses each job's `sage_runs_total` starts at 0 with (the README's `SageJobFailing` uses failed, timeout and interrupted). */
export const countedRunStatuses = ['success', 'cancelled', 'failed', 'timeout', 'interrupted', retryingStatus] as const satisfies ReadonlyArray<RunStatus | typeof retryingStatus>;

/** Adds 0 to each series: a new one appears at 0, one already counted keeps its value. */
export function zeroCounters<L extends string>(counter: Counter<L>, series: ReadonlyArray<Partial<Record<L, string>>>): void {
	for (const labels of series) {
		counter.inc(labels, 0);
	}
}
