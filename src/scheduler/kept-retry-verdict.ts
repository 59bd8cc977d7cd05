/**
 * Whether a next attempt kept across a restart (kept-retries.ts) runs at the start, and why not: the
 * start (retries-at-start.ts) and an offline `show RUN_ID` ask the same question of the same facts, so
 * show never promises a run the start then drops.
 */
import {formatDuration} from '../config/quantities.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import {formatZonedIso} from '../time/zoned-time.js';
import {paramsWithoutValue} from './asked-params.js';
import type {KeptRetry} from './ports.js';

/** The job as the start finds it: undefined when jobs.yaml no longer has it. */
export type KeptRetryJob = {job: Pick<JobDefinition, 'enabled' | 'misfireGraceMs' | 'timezone'>; paused: boolean} | undefined;

/**
 * Why the kept retry does not run at a start at `now`, worded as a live drop or a late fire says it;
 * undefined when it runs. One due longer ago than its job's `misfire_grace` is not run, as a fire time
 * missed by more than the grace is not (catch-up.ts, fire-requests.ts): the operator's bound on how
 * late a run of that job still makes sense (Friday's retry is no use on Monday). Without a grace it
 * runs however late, as a missed fire within `catch_up` does.
 */
export function keptRetryNotRunBecause({jobId, runId, held, at}: KeptRetry, slot: KeptRetryJob, schedulerPaused: boolean, now: number): string | undefined {
	if (!slot) {
		return `the job was removed from the config while it waited for its backoff after run ${runId}`;
	}

	const askAgain = `(sage-console retry ${runId} asks for it)`;
	// A retry armed while the job was not active is of a run the operator started by hand, which a
	// pause or `enabled: false` leaves its retries.
	if (held !== true && !slot.job.enabled) {
		return `${jobId} was disabled (enabled: false) while it waited for its backoff after run ${runId} ${askAgain}`;
	}

	if (held !== true && slot.paused) {
		return `${jobId} was paused while it waited for its backoff after run ${runId} ${askAgain}`;
	}

	if (held !== true && schedulerPaused) {
		return `the scheduler was paused while it waited for its backoff after run ${runId} ${askAgain}`;
	}

	const grace = slot.job.misfireGraceMs;
	if (grace !== undefined && pastMisfireGrace(at, slot.job, now)) {
		return `due at ${formatZonedIso(Math.floor(at / 1000) * 1000, slot.job.timezone)} after run ${runId}, missed by ${formatDuration(now - at)} while the scheduler was down, more than its misfire_grace ${formatDuration(grace)} ${askAgain}`;
	}

	return undefined;
}

/** Whether a kept retry due `at` fell due longer ago than its job's `misfire_grace` (none: never). */
export function pastMisfireGrace(at: number, job: Pick<JobDefinition, 'misfireGraceMs'>, now: number): boolean {
	return job.misfireGraceMs !== undefined && now - at > job.misfireGraceMs;
}

/**
 * Why the kept retry of run `previous` (read back from history) does not run at a start though its job
 * would run it: `previous` was asked for with a secret param, whose value history does not keep.
 */
export function lostSecretParamsWhy(previous: Pick<RunRecord, 'id' | 'jobId' | 'params'>): string | undefined {
	const lost = previous.params ? paramsWithoutValue(previous.params) : [];
	if (lost.length === 0) {
		return undefined;
	}

	const names = lost.map(name => `${name}=…`).join(' --param ');
	return `run ${previous.id} was asked for with the secret param${lost.length > 1 ? 's' : ''} ${lost.join(', ')}, whose value history does not keep across a restart: run ${previous.jobId} --param ${names} again instead`;
}
