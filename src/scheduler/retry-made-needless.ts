/**
 * A failed run's next attempt, waiting for its backoff, that a later success has made needless: the
 * operator's `run JOB` (or the next fire) of the same job for the same trade date with the same params
 * succeeded meanwhile, so the attempt would only do the work again (a second order file, a duplicate
 * report). A later run for another trade date (a backfill) or with other params did other work, and a
 * later run that failed leaves it: both retry chains go on, and the first attempt to succeed drops what
 * still waits after runs asked for before it. Only a run asked for after the failed one counts: one
 * already running when it failed may have read older inputs.
 */
import {isDeepStrictEqual} from 'node:util';
import type {RunRecord, RunStatus} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';

/** What a waiting next attempt would do: its run, how that ended, the trade date and params it runs with. */
export type AttemptWork = {
	jobId: string;
	ended: RunStatus;
	tradeDate?: string;
	/** The params it runs with, when known now (a retry armed by this scheduler: its run's own). */
	runParams?: Record<string, unknown>;
	/** Else the params its run was asked for with, over its job's (a retry kept across a restart). */
	asked?: Record<string, unknown>;
};

/** Whether run `after`'s next attempt does again what the succeeded run (`pending`, `record`) did. */
export function doneByLaterSuccess(after: number, work: AttemptWork, pending: PendingRun, record: RunRecord): boolean {
	if (record.status !== 'success' || record.id <= after || record.jobId !== work.jobId || pending.tradeDate !== work.tradeDate) {
		return false;
	}

	return isDeepStrictEqual(work.runParams ?? {...pending.job.params, ...work.asked}, pending.params);
}

/** `run 7 of sync succeeded meanwhile (after run 5 failed)`, the reason it is not run. */
export function doneByLaterSuccessWords(after: number, work: AttemptWork, record: RunRecord): string {
	return `run ${record.id} of ${work.jobId} succeeded meanwhile (after run ${after} ${work.ended === 'timeout' ? 'timed out' : work.ended})`;
}

/**
 * Of `successes` (history's successful runs of run `previous`'s job for its trade date, asked for after
 * it), the one that did the work of `previous`'s next attempt kept across a restart: with the params
 * `previous` was asked for, over its job's own now, as the attempt would run, and ended after `previous`
 * failed, as a live success drops only an attempt already waiting. Such a success is one a one-off
 * `sage-console run` made while no scheduler ran, which no live scheduler saw.
 */
export function keptDoneByLaterSuccess(previous: RunRecord, jobParams: Record<string, unknown>, successes: readonly RunRecord[]): RunRecord | undefined {
	const attempt = {...jobParams, ...previous.params};
	return successes.find(run => run.status === 'success' && run.id > previous.id && run.jobId === previous.jobId && run.tradeDate === previous.tradeDate
		&& (run.finishedAt ?? 0) >= (previous.finishedAt ?? 0) && isDeepStrictEqual({...jobParams, ...run.params}, attempt));
}
