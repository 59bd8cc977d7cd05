/**
 * Counters born at 0. Prometheus's `increase(x[15m]) > 0` cannot see a series that first appears
 * with the value 1, so every series an alert rule watches is shown at 0 before anything is counted
 * (as prom-client's `counter.inc(labels, 0)`): each job × the statuses below, each channel × outcome.
 */
import type {Counter} from 'prom-client';
import type {RunStatus} from '../core/run-record.js';

/** The ended statuses each job's `sage_runs_total` starts at 0 with (the README's `SageJobFailing` uses the last three). */
export const countedRunStatuses = ['success', 'cancelled', 'failed', 'timeout', 'interrupted'] as const satisfies readonly RunStatus[];

/** Adds 0 to each series: a new one appears at 0, one already counted keeps its value. */
export function zeroCounters<L extends string>(counter: Counter<L>, series: ReadonlyArray<Partial<Record<L, string>>>): void {
	for (const labels of series) {
		counter.inc(labels, 0);
	}
}
