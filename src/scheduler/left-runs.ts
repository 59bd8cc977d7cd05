import type {JobDefinition} from '../core/job-definition.js';
import type {PendingRun} from '../core/run-queue.js';
import type {LiveRuns} from './live-runs.js';
import type {AbandonedRun, AdoptRun} from './ports.js';
import type {RunRecorder} from './run-recorder.js';

export type LeftRunsDeps = {
	recorder: RunRecorder;
	live: LiveRuns;
	job(jobId: string): JobDefinition | undefined;
	say(level: 'info' | 'warn', msg: string, fields: {jobId: string; runId: number}): void;
};

/**
 * The runs a stopped scheduler left queued or running, at the next start. One still going on the
 * workers that `adopt` takes over is live again, reporting as before; any other is closed as
 * interrupted, saying what it was and what `notes` says was done about its process.
 * @returns the runs closed as interrupted
 */
export function settleLeftRuns(runs: readonly AbandonedRun[], now: number, notes: ReadonlyMap<number, string>, adopt: AdoptRun | undefined, deps: LeftRunsDeps): AbandonedRun[] {
	const interrupted: AbandonedRun[] = [];
	for (const run of runs) {
		if (adoptRun(run, adopt, deps)) {
			continue;
		}

		const was = run.status;
		const note = notes.get(run.id);
		deps.recorder.move(run, 'interrupted', {
			finishedAt: now,
			durationMs: run.startedAt === undefined ? undefined : now - run.startedAt,
			error: {type: 'Interrupted', message: `the scheduler process stopped while this run was ${was}${note ? `; ${note}` : ''}`},
		});
		deps.say('warn', `run ${run.id} of ${run.jobId} was interrupted (the scheduler stopped while it was ${was})${note ? `; ${note}` : ''}`, {jobId: run.jobId, runId: run.id});
		interrupted.push(run);
	}

	return interrupted;
}

/** A run left `running` that `adopt` takes over: live again, not interrupted. */
function adoptRun(run: AbandonedRun, adopt: AdoptRun | undefined, deps: LeftRunsDeps): boolean {
	const job = run.status === 'running' ? deps.job(run.jobId) : undefined;
	const taken = job && adopt?.(run, job);
	if (!job || !taken) {
		return false;
	}

	const {process: _process, ...record} = run;
	deps.recorder.adopt(record);
	const pending: PendingRun = {runId: run.id, job, trigger: run.trigger, scheduledAt: run.scheduledAt, attempt: run.attempt, params: taken.params ?? job.params, tradeDate: run.tradeDate};
	deps.say('info', `run ${run.id} of ${run.jobId} is still going on the workers: re-attached`, {jobId: run.jobId, runId: run.id});
	deps.live.adopt(pending, record, sink => taken.start(sink));
	return true;
}
