import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {PendingRun} from '../core/run-queue.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import {lastSignOfLife} from './left-runs-last-alive.js';
import type {LiveRuns} from './live-runs.js';
import type {AbandonedRun, AdoptRun} from './ports.js';
import type {RunRecorder} from './run-recorder.js';

export type LeftRunsDeps = {
	recorder: RunRecorder;
	live: LiveRuns;
	job(jobId: string): JobDefinition | undefined;
	say(level: 'info' | 'warn', msg: string, fields: {jobId: string; runId: number}): void;
	/** A run closed as interrupted, told like any other end (its job's failure alert, the metrics); `job` is absent once removed from jobs.yaml. */
	ended(record: RunRecord, job: JobDefinition | undefined): void;
	/** The zone the run's message gives its last sign of life in. */
	timezone: string;
	/** What stopped carrying the run out, when it was not a scheduler (a one-off `sage-console run` that died). */
	stoppedBy?(run: AbandonedRun): string;
};

/**
 * The runs a stopped scheduler left queued or running, at the next start. One still going on the
 * workers that `adopt` takes over is live again, reporting as before; any other is closed as
 * interrupted, saying what it was, what stopped (the scheduler process, unless `stoppedBy` says) and
 * what `notes` says was done about its process.
 * @returns the runs closed as interrupted
 */
export function settleLeftRuns(runs: readonly AbandonedRun[], now: number, notes: ReadonlyMap<number, string>, adopt: AdoptRun | undefined, deps: LeftRunsDeps): AbandonedRun[] {
	const interrupted: AbandonedRun[] = [];
	const tellings: Array<() => void> = [];
	for (const run of runs) {
		if (adoptRun(run, adopt, deps)) {
			continue;
		}

		const was = run.status;
		const note = notes.get(run.id);
		// Its end is when it was last known alive, not this start: after a night's outage its duration is not the night.
		const alive = lastSignOfLife(run, now);
		// It ended then or later (a run that wrote nothing for a while went on): its recorded end and duration are the least it took.
		const end = alive ? `; last known alive at ${zonedDate(alive.at, deps.timezone)} ${zonedClock(alive.at, deps.timezone)} (${alive.basis})` : '';
		const stopped = deps.stoppedBy?.(run);
		deps.recorder.move(run, 'interrupted', {
			finishedAt: alive?.at ?? now,
			durationMs: run.startedAt === undefined || !alive ? undefined : alive.at - run.startedAt,
			error: {type: 'Interrupted', message: `${stopped ?? 'the scheduler process stopped'} while this run was ${was}${end}${note ? `; ${note}` : ''}`},
		});
		tellings.push(() => {
			deps.say('warn', `run ${run.id} of ${run.jobId} was interrupted (${stopped ?? 'the scheduler stopped'} while it was ${was})${end}${note ? `; ${note}` : ''}`, {jobId: run.jobId, runId: run.id});
			deps.ended(run, deps.job(run.jobId));
		});
		interrupted.push(run);
	}

	// Told (the log, the failure alert) once their rows are written: a kill before the write left them for
	// the next start, which told them again, an alert twice on the phone. A kill between the two now loses
	// the telling of a closed run, a window of a write's length instead of the history writes' flush delay.
	if (tellings.length > 0) {
		deps.recorder.commitNow();
	}

	for (const tell of tellings) {
		tell();
	}

	return interrupted;
}

/** A run left `running` that `adopt` takes over: live again, not interrupted (its start says so: runStarted). */
function adoptRun(run: AbandonedRun, adopt: AdoptRun | undefined, deps: LeftRunsDeps): boolean {
	// A run on workers not taken yet is `queued` (live-runs.ts); one waiting here for a slot has no log and is not adopted.
	const job = run.status === 'running' || run.status === 'queued' ? deps.job(run.jobId) : undefined;
	const taken = job && adopt?.(run, job);
	if (!job || !taken) {
		return false;
	}

	const {process: _process, ...record} = run;
	deps.recorder.adopt(record);
	const pending: PendingRun = {runId: run.id, job, trigger: run.trigger, scheduledAt: run.scheduledAt, attempt: run.attempt, params: taken.params ?? job.params, tradeDate: run.tradeDate};
	deps.live.adopt(pending, record, sink => taken.start(sink));
	return true;
}
