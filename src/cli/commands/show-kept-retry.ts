/**
 * `show RUN_ID` with no scheduler running: a failed run's next attempt that a stopped or crashed
 * scheduler kept while it waited for its backoff (the `waiting_retries` row, kept-retries.ts). It runs
 * after the next start, at once when its time has passed by then (retries-at-start.ts), so show says
 * that rather than nothing more to come; unless the start will drop it (its job removed from jobs.yaml,
 * disabled or paused, the scheduler paused, past its `misfire_grace`, a later run of it succeeded: a
 * one-off `run` while no scheduler ran, or its run asked for with a secret param), which show says
 * instead, asking the start's own questions (kept-retry-verdict.ts, retry-made-needless.ts) of
 * jobs.yaml, the pauses and history, read as `list` reads them.
 * Worded as the live one (9e4a9f1's `retry` line and `next_attempt`); cancel drops it offline too
 * (offline-cancel.ts), retry needs a running scheduler.
 */
import {loadJobsConfig} from '../../config/load-jobs-config.js';
import {formatDuration} from '../../config/quantities.js';
import type {AppPaths} from '../../host/paths.js';
import {keptRetryNotRunBecause, lostSecretParamsWhy} from '../../scheduler/kept-retry-verdict.js';
import type {KeptRetry} from '../../scheduler/ports.js';
import {doneByLaterSuccessWords, keptDoneByLaterSuccess} from '../../scheduler/retry-made-needless.js';
import type {RunRecord} from '../../core/run-record.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {shortTime} from './history-command.js';
import {readSchedulerPaused} from './list-scheduler-pause.js';
import {readJobStates} from './planned-schedule.js';

/**
 * Why the next start will not run the kept retry after `run`, if it will not; undefined when it runs (or
 * jobs.yaml does not load now: a start then fails, and the retry waits for one that loads). `later`:
 * history's successes of its job for its trade date after it (retries-at-start.ts asks the same).
 */
export function keptRetryNotRunAtStart(paths: AppPaths, kept: KeptRetry, now: number, run: RunRecord, later: readonly RunRecord[]): string | undefined {
	let jobs;
	try {
		jobs = loadJobsConfig(paths.configFile, paths.root).jobs;
	} catch {
		return undefined;
	}

	const job = jobs.find(candidate => candidate.id === kept.jobId);
	const paused = job && (readJobStates(paths.dbFile).get(job.id)?.paused ?? job.startPaused);
	const why = keptRetryNotRunBecause(kept, job && {job, paused: paused === true}, readSchedulerPaused(paths.dbFile), now);
	const done = why === undefined && job ? keptDoneByLaterSuccess(run, job.params, later) : undefined;
	// In the start's order (retries-at-start.ts): its verdict, a later success, then a secret param lost.
	return why ?? (done ? doneByLaterSuccessWords(run.id, {jobId: run.jobId, ended: run.status}, done) : lostSecretParamsWhy(run));
}

export function keptRetryLines({attempt, of, at, runId}: KeptRetry, zone: string, now: number, notRun: string | undefined): string[] {
	const when = at > now ? `in ${formatDuration(at - now)}` : `due ${formatDuration(now - at)} ago`;
	return [notRun === undefined
		? `retry       attempt ${attempt} of ${of} at ${shortTime(at, zone)} (${when}), kept while no scheduler runs: it runs after the scheduler starts (at once if its time has passed by then); sage-console cancel ${runId} drops it`
		: `retry       attempt ${attempt} of ${of} at ${shortTime(at, zone)} (${when}), kept while no scheduler runs, but the next start will not run it: ${notRun}`];
}

/**
 * `next_attempt` as the live scheduler's, with `after_scheduler_start`: nothing runs it until one starts.
 * One the start will drop is no next attempt: `kept_retry_not_run` says which and why.
 */
export function keptRetryJson({attempt, at}: KeptRetry, zone: string, notRun: string | undefined): Record<string, unknown> {
	return notRun === undefined
		? {next_attempt: {attempt, at: formatZonedIso(at, zone), after_scheduler_start: true}}
		: {kept_retry_not_run: {attempt, at: formatZonedIso(at, zone), why: notRun}};
}
