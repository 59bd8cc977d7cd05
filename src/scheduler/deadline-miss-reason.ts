/** Whether a job made its deadline, and if not, why: never started, still running, or failed. */
import type {RunRecord} from '../core/run-record.js';
import type {Deadline} from './deadline-day.js';

export type MissReason = 'never started' | 'still running' | 'failed';

/**
 * A success that day by the deadline: `lastSuccessAt`, the job's last success this process saw;
 * `succeededThatDay`, history has a success of that trade date from before this start.
 */
export function succeededBy(deadline: Deadline, lastSuccessAt: number | undefined, succeededThatDay: boolean): boolean {
	return (lastSuccessAt !== undefined && lastSuccessAt >= deadline.dayStart && lastSuccessAt <= deadline.at) || succeededThatDay;
}

/**
 * `live`: the job has a run queued or running; `lastEnd`, `lastStartAt`: its last run ended and its
 * last start. A run ended or started that day failed to make it.
 */
export function whyMissed(deadline: Deadline, job: {live: boolean; lastEnd: RunRecord | undefined; lastStartAt: number | undefined}): MissReason {
	if (job.live) {
		return 'still running';
	}

	return (job.lastEnd?.finishedAt ?? 0) >= deadline.dayStart || (job.lastStartAt ?? 0) >= deadline.dayStart ? 'failed' : 'never started';
}
