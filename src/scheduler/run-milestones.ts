/**
 * What the scheduler does at each step of a run's life (queued, skipped, started, progressed, and
 * ended: finished, or dropped before it started): the log and its tail, clients' events, the job
 * watches and the snapshot's parts; at the end also the freed slot, today's figures and what follows.
 */
import type {LogLine} from '../core/log-line.js';
import type {PendingRun} from '../core/run-queue.js';
import type {RunRecord} from '../core/run-record.js';
import {shouldRetry} from '../core/retry-policy.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {FireTimer} from './fire-timer.js';
import type {JobWatch} from './job-watch.js';
import type {LiveRun} from './live-runs.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {SchedulerState} from './scheduler-state.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {TodayLedger} from './today-ledger.js';
import type {TypedEmitter} from './typed-emitter.js';

export type MilestoneParts = {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'logger'>;
	readonly state: Pick<SchedulerState, 'phase'>;
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly today: TodayLedger;
	readonly watch: JobWatch;
	readonly dispatch: RunDispatch;
	readonly sequels: RunSequels;
	readonly timer: FireTimer;
	say(level: 'info' | 'warn' | 'error', msg: string, fields?: {jobId?: string; runId?: number}): void;
	appendTail(lines: LogLine[]): void;
	changed(...parts: SnapshotPart[]): void;
};

export function runQueued(parts: MilestoneParts, record: RunRecord): void {
	parts.events.emit('run-queued', {...summarizeRun(record), queuedAt: parts.deps.clock.now()});
	parts.changed('live', 'jobs');
}

export function runSkipped(parts: MilestoneParts, record: RunRecord, reason: string): void {
	parts.say('info', `skipped ${record.jobId}: ${reason}`, {jobId: record.jobId, runId: record.id});
	parts.events.emit('run-skipped', summarizeRun(record));
	parts.changed('jobs');
}

/** A queued run that will never start (cancelled, replaced, the scheduler stopping). */
export function runDropped(parts: MilestoneParts, pending: PendingRun, record: RunRecord): void {
	parts.say('info', `■ ${record.jobId} ${record.message ?? 'cancelled'} (run ${record.id})`, {jobId: record.jobId, runId: record.id});
	runEnded(parts, pending, record);
}

export function runStarted(parts: MilestoneParts, live: LiveRun): void {
	const {record} = live;
	if (live.reattached) {
		runReattached(parts, live);
		return;
	}

	parts.deps.logger.info({jobId: record.jobId, runId: record.id, trigger: record.trigger, attempt: record.attempt, logPath: record.logPath}, 'run started');
	// A run on workers starts when a worker takes it (the tail says so then, and where: live-run-sink.ts).
	const what = live.pending.job.runOn === 'workers' ? 'handed to the workers' : 'started';
	parts.appendTail([{time: record.startedAt ?? parts.deps.clock.now(), level: 'info', msg: `▶ ${record.jobId} ${what} (run ${record.id}, ${record.trigger}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''})`, jobId: record.jobId, runId: record.id}]);
	parts.events.emit('run-started', summarizeRun(record));
	parts.watch.started(record, live.pending.job);
	parts.changed('live', 'jobs');
}

/**
 * A run a previous scheduler left on the workers, followed again at this start: the tail says it was
 * re-attached (on its worker, or still waiting for one), not handed over anew.
 */
function runReattached(parts: MilestoneParts, live: LiveRun): void {
	const {record} = live;
	parts.deps.logger.info({jobId: record.jobId, runId: record.id, worker: record.worker}, `run ${record.id} of ${record.jobId} is still going on the workers: re-attached`);
	const where = record.startedAt === undefined ? 'still waiting on the workers' : `re-attached on ${record.worker ?? 'its worker'}`;
	parts.appendTail([{time: parts.deps.clock.now(), level: 'info', msg: `▶ ${record.jobId} ${where} (run ${record.id})`, jobId: record.jobId, runId: record.id}]);
	parts.events.emit('run-started', summarizeRun(record));
	parts.watch.started(record, live.pending.job);
	parts.changed('live', 'jobs');
}

export function runProgressed(parts: MilestoneParts, live: LiveRun): void {
	parts.events.emit('run-progress', {runId: live.record.id, jobId: live.record.jobId, progress: live.record.progress, message: live.record.message, at: Date.now()});
	parts.changed('live');
}

/** A run ended (finished, or dropped before it started): free its slot, tell, retry, chain. */
export function runEnded(parts: MilestoneParts, pending: PendingRun, record: RunRecord, handedOver = false): void {
	parts.dispatch.dispatch();
	parts.today.add(record);
	// A stopping scheduler asks for no next attempt: this end is the last word, for alerts, metrics and groups alike.
	// Nor one whose job was paused while it ran (it gets none): its failure is final, and alerted.
	const nextAttempt = (handedOver || (shouldRetry(pending.job, record.status, pending.attempt) && !parts.sequels.retryHeld(record))) && parts.state.phase !== 'stopping';
	parts.events.emit('run-finished', {...summarizeRun(record), ...(nextAttempt ? {nextAttempt: true} : {})});
	parts.events.emit('run-ended', {record, job: pending.job, nextAttempt});
	parts.watch.ended(record);
	parts.sequels.ended(pending, record, nextAttempt, () => [...parts.timer.all()].map(slot => ({job: slot.job, paused: slot.paused})));

	parts.changed('live', 'jobs', 'today');
}
