/**
 * A scheduler's start: the runs a dead process left behind settled (taken over, or closed as
 * interrupted), recent successes read back, missed fire times caught up, the calendar's and the
 * config's warnings said, and the fire timer and the job watches started.
 */
import {formatProblem} from '../config/config-problem.js';
import type {RunStatus} from '../core/run-record.js';
import type {SubmitResult} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import {catchUpSlots} from './catch-up.js';
import type {DayRollover} from './day-rollover.js';
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import {jobsCalendarWarning} from './jobs-calendar-warning.js';
import type {JobWatch} from './job-watch.js';
import type {KeptRetries} from './kept-retries.js';
import {settleLeftRuns} from './left-runs.js';
import type {LiveRuns} from './live-runs.js';
import type {LoopDelayMonitor} from './loop-delay.js';
import type {AbandonedRun, AdoptRun, HistoryPort} from './ports.js';
import {deadlineLastEnds, deadlineSuccesses, loadChainSuccesses, type RecentSuccessParts} from './recent-successes.js';
import {loadRetryLinks, rearmKeptRetries} from './retries-at-start.js';
import type {RunRecorder} from './run-recorder.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps, SubmitOptions} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {SchedulerState} from './scheduler-state.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {TodayLedger} from './today-ledger.js';
import type {TypedEmitter} from './typed-emitter.js';

export type StartParts = RecentSuccessParts & {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'history' | 'chains'>;
	readonly state: SchedulerState;
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly recorder: RunRecorder;
	readonly writes: HistoryWrites;
	readonly live: LiveRuns;
	readonly timer: FireTimer;
	readonly today: TodayLedger;
	readonly dayRollover: DayRollover;
	readonly loopDelay: LoopDelayMonitor;
	readonly watch: JobWatch;
	readonly sequels: Pick<RunSequels, 'rearm' | 'loadRetryLinks'>;
	readonly kept: KeptRetries | undefined;
	say(level: 'info' | 'warn' | 'error', msg: string, fields?: {jobId?: string; runId?: number}): void;
	submit(jobId: string, options: SubmitOptions): SubmitResult;
	changed(...parts: SnapshotPart[]): void;
};

/** Does nothing unless the scheduler is idle (never started). */
export function startScheduler(parts: StartParts, abandoned: readonly AbandonedRun[], notes: ReadonlyMap<number, string>, adopt: AdoptRun | undefined): void {
	const {state, timer, today} = parts;
	if (state.phase !== 'idle') {
		return;
	}

	const now = parts.deps.clock.now();
	const interrupted = settleLeftRuns(abandoned, now, notes, adopt, {
		recorder: parts.recorder,
		live: parts.live,
		job: jobId => timer.get(jobId)?.job,
		say: (level, msg, fields) => parts.say(level, msg, fields),
		// Told like any other end: to clients (the host keeps it for the API's metrics, which listen a moment later),
		// the notifier (the job's failure alert) and the ping URLs.
		ended(record, job) {
			parts.events.emit('run-finished', summarizeRun(record));
			if (job) {
				parts.events.emit('run-ended', {record, job, nextAttempt: false});
			}
		},
		timezone: state.config.timezone,
	});
	state.phase = 'running';
	loadChainSuccesses(parts, now);
	today.reload(now, timer.ids, state.config.timezone);
	// Their rows were committed before they were told (settleLeftRuns), so the reload counted them; a row
	// still waiting to be written (another process holds the database) is counted from here.
	for (const run of interrupted) {
		if (!recordedAs(parts.deps.history, run.id, 'interrupted')) {
			today.add(run);
		}
	}

	parts.loopDelay.start();
	loadRetryLinks(parts);
	if (parts.kept) {
		rearmKeptRetries({
			history: parts.deps.history, timer, sequels: parts.sequels, kept: parts.kept, now,
			say: (level, msg, jobId) => parts.say(level, msg, {jobId}),
			// Its end was told (and counted) as retrying when it came, by the process then: final now, for alerts and metrics.
			ended(record, job) {
				parts.events.emit('run-ended', {record, job, nextAttempt: false});
				parts.events.emit('run-failure-final', {runId: record.id, jobId: record.jobId, status: record.status});
			},
			commitNow: () => parts.writes.commitNow(),
		});
	}

	if (!timer.paused) {
		catchUpSlots(timer.all(), now, {
			run: (jobId, scheduledAt) => parts.submit(jobId, {trigger: 'catch-up', scheduledAt}),
			missed: (jobId, count) => parts.events.emit('fires-missed', {jobId, count}),
			remember: (jobId, at) => parts.writes.write(`remember the last fire of ${jobId}`, () => parts.deps.history.recordFire(jobId, at)),
			say: (level, msg, jobId) => parts.say(level, msg, {jobId}),
		});
	}

	const warning = jobsCalendarWarning(state, parts.deps.clock.now());
	if (warning) {
		parts.say('warn', warning);
	}

	for (const problem of state.configWarnings) {
		parts.say('warn', `config: ${formatProblem(problem)}`);
	}

	parts.say('info', `scheduler started with ${timer.ids.length} jobs${timer.paused ? ' (paused: nothing fires on schedule until resumed)' : ''}`);
	timer.start();
	parts.dayRollover.start();
	parts.watch.start(now, deadlineSuccesses(parts, now), deadlineLastEnds(parts));
	parts.changed('scheduler', 'jobs', 'today');
}

/** Whether history holds run `id` with `status` already (false while it cannot be read). */
function recordedAs(history: Pick<HistoryPort, 'getRun'>, id: number, status: RunStatus): boolean {
	try {
		return history.getRun(id)?.status === status;
	} catch {
		return false;
	}
}
