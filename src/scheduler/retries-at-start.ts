/**
 * At a start, the next attempts a stopped or crashed scheduler kept while they waited for their backoff
 * (kept-retries.ts) wait again for the rest of it, or run at once when they fell due meanwhile, as
 * trigger `retry` with the attempt they were, and the params and trade date of the run they follow.
 * One whose job left jobs.yaml, was disabled or paused meanwhile does not run, and the log says so,
 * as a reload or a pause drops a waiting retry while the scheduler runs; nor one due longer ago than
 * its job's `misfire_grace` (kept-retry-verdict.ts); nor one whose work a later run succeeded at
 * meanwhile (a one-off `sage-console run` while no scheduler ran), as a live success drops it.
 * The failure of a run whose attempt is not run is final then (its job still in jobs.yaml): told as
 * such (`ended`), so its alert, held back for the attempt, goes out, as a live pause or reload tells it.
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {FireTimer} from './fire-timer.js';
import type {KeptRetries} from './kept-retries.js';
import {keptRetryNotRunBecause} from './kept-retry-verdict.js';
import type {HistoryPort} from './ports.js';
import {doneByLaterSuccessWords, keptDoneByLaterSuccess} from './retry-made-needless.js';
import {maxRetryLinks} from './retry-runs.js';
import type {RunSequels} from './run-sequels.js';

/**
 * The links of retries to the runs they follow, from history, so `retry` and `cancel` of run 10 reach
 * its retry 11 and the attempt 3 kept after it, as they did before the restart.
 */
export function loadRetryLinks(parts: {deps: {history: Pick<HistoryPort, 'retryLinks'>}; sequels: Pick<RunSequels, 'loadRetryLinks'>; say(level: 'error', msg: string): void}): void {
	try {
		parts.sequels.loadRetryLinks(parts.deps.history.retryLinks(maxRetryLinks));
	} catch (error) {
		parts.say('error', `could not read which runs retried which: ${(error as Error).message}`);
	}
}

export type RetriesAtStartParts = {
	history: Pick<HistoryPort, 'waitingRetries' | 'getRun' | 'successesAfter'>;
	timer: Pick<FireTimer, 'get' | 'paused'>;
	sequels: Pick<RunSequels, 'rearm'>;
	kept: KeptRetries;
	now: number;
	say(level: 'info' | 'warn', msg: string, jobId: string): void;
	/** Run `record`'s end is final: no attempt follows it (its failure alert, its ping). */
	ended(record: RunRecord, job: JobDefinition): void;
	/** Commits the history writes made so far (HistoryWrites.commitNow). */
	commitNow(): void;
};

export function rearmKeptRetries(parts: RetriesAtStartParts): void {
	const finals: Array<{record: RunRecord; job: JobDefinition}> = [];
	for (const kept of parts.history.waitingRetries()) {
		const {jobId, attempt, runId} = kept;
		const slot = parts.timer.get(jobId);
		const why = keptRetryNotRunBecause(kept, slot && {job: slot.job, paused: slot.paused}, parts.timer.paused, parts.now);
		if (why !== undefined) {
			parts.kept.forget(runId);
			parts.say('info', `${jobId}: attempt ${attempt} not run: ${why}`, jobId);
			const previous = slot && parts.history.getRun(runId);
			if (slot && previous) {
				finals.push({record: previous, job: slot.job});
			}

			continue;
		}

		const previous = parts.history.getRun(runId);
		if (!previous) {
			parts.kept.forget(runId);
			parts.say('warn', `${jobId}: attempt ${attempt} not run: run ${runId}, which it follows, is no longer in history`, jobId);
			continue;
		}

		const done = slot && keptDoneByLaterSuccess(previous, slot.job.params, parts.history.successesAfter(previous));
		if (done) {
			parts.kept.forget(runId);
			parts.say('info', `${jobId}: attempt ${attempt} not run: ${doneByLaterSuccessWords(runId, {jobId, ended: previous.status}, done)}`, jobId);
			continue;
		}

		if (slot && parts.sequels.rearm(previous, kept, slot.job)) {
			const left = kept.at - parts.now;
			parts.say('info', `${jobId}: attempt ${attempt} of ${kept.of} after run ${runId}, kept across the restart, ${left > 0 ? `in ${Math.round(left / 1000)} s` : 'fell due while the scheduler was down: runs now'}`, jobId);
		} else if (slot) {
			finals.push({record: previous, job: slot.job});
		}
	}

	// Told once the kept rows are gone from history, as left-runs.ts tells interrupted runs: a kill before
	// the commit would find them again at the next start, and alert twice.
	if (finals.length > 0) {
		parts.commitNow();
	}

	for (const {record, job} of finals) {
		parts.ended(record, job);
	}
}
