/**
 * The scheduler's parts and how they are wired to one another: history writes and the run recorder,
 * today's figures, the fire timer, the dispatch and the live runs, what follows a run's end, the job
 * watches and the snapshot. A part hears of the others only through the hooks given here; what each
 * hook does is a file of its own (run-milestones.ts, run-requests.ts, group-start.ts…), and the
 * Scheduler (scheduler.ts) is the public face over these parts.
 */
import type {LogLine} from '../core/log-line.js';
import type {RunRecord} from '../core/run-record.js';
import type {SubmitResult} from '../protocol/messages.js';
import {DayRollover} from './day-rollover.js';
import {requestFires} from './fire-requests.js';
import {FireTimer, type DueFire} from './fire-timer.js';
import {startGroup} from './group-start.js';
import {HistoryWrites} from './history-writes.js';
import {JobWatch} from './job-watch.js';
import {KeptRetries} from './kept-retries.js';
import {LiveRuns} from './live-runs.js';
import {LogTail} from './log-tail.js';
import {LoopDelayMonitor} from './loop-delay.js';
import {Notices} from './notices.js';
import {heldBecause, type PauseDeps} from './pauses.js';
import {cancelQueuedOfTurnedOff} from './turned-off-runs.js';
import {RunDispatch, type Dispatched} from './run-dispatch.js';
import {runDropped, runEnded, runProgressed, runQueued, runSkipped, runStarted} from './run-milestones.js';
import {RunRecorder} from './run-recorder.js';
import {requestRun, submitResult} from './run-requests.js';
import {RunSequels} from './run-sequels.js';
import type {SchedulerDeps, SubmitOptions} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import {dayParts, snapshotSources} from './scheduler-snapshot.js';
import type {SchedulerState} from './scheduler-state.js';
import {ServicesPart} from './services-part.js';
import {rebuildSlots} from './slots-from-config.js';
import {SnapshotBuilder, type SnapshotPart} from './snapshot-builder.js';
import {TodayLedger} from './today-ledger.js';
import {TypedEmitter} from './typed-emitter.js';

export class SchedulerParts {
	readonly events = new TypedEmitter<SchedulerEvents>();
	readonly state: SchedulerState;
	readonly tail: LogTail;
	readonly notices = new Notices((level, msg) => this.say(level, msg));
	readonly loopDelay = new LoopDelayMonitor();
	readonly services = new ServicesPart();
	readonly writes: HistoryWrites;
	readonly recorder: RunRecorder;
	readonly today: TodayLedger;
	/** Turns today's figures over at midnight, in the configured zone. */
	readonly dayRollover: DayRollover;
	readonly timer: FireTimer;
	/** Retries waiting for their backoff, kept for the next start (not by a one-off foreground `run`). */
	readonly kept: KeptRetries | undefined;
	readonly sequels: RunSequels;
	readonly live: LiveRuns;
	readonly dispatch: RunDispatch;
	readonly snapshots: SnapshotBuilder;
	readonly watch: JobWatch;
	/** What pausing a job or the whole scheduler works on (pauses.ts). */
	readonly pauses: PauseDeps;

	constructor(readonly deps: SchedulerDeps) {
		this.state = {config: deps.config, configProblems: [], configWarnings: deps.configWarnings ?? [], calendar: deps.calendar, remoteView: undefined, alertChannels: [], phase: 'idle', startedAt: deps.clock.now()};
		this.tail = new LogTail(deps.tailLines ?? 5000);
		this.writes = new HistoryWrites(deps.history, deps.clock, (level, msg) => this.say(level, msg), () => this.changed('notices'));
		this.recorder = new RunRecorder(deps.history, this.writes);
		this.today = new TodayLedger(deps.history, deps.config.timezone);
		this.dayRollover = new DayRollover({clock: deps.clock, today: this.today, timeZone: () => this.state.config.timezone, rolled: () => this.changed(...dayParts)});
		this.timer = new FireTimer(deps.clock, deps.calendar, fires => this.fire(fires), msg => this.say('warn', msg));
		this.kept = deps.keepRetries === false ? undefined : new KeptRetries({
			writes: this.writes,
			history: deps.history,
			held: jobId => heldBecause(this.timer, jobId) !== undefined,
		});
		this.sequels = new RunSequels({
			clock: deps.clock,
			submit: (jobId, options) => this.submit(jobId, options),
			say: (level, msg, jobId) => this.say(level, msg, {jobId}),
			chains: deps.chains !== false,
			held: jobId => heldBecause(this.timer, jobId),
			// Told once the dropped attempt's row is gone from history, as at a start (retries-at-start.ts): a kill
			// before that commit would find it again at the next start, and alert twice. By the job as jobs.yaml
			// has it now (its `notify` reloaded meanwhile), or as it was when it left it.
			final: (record, job) => {
				this.writes.commitNow();
				this.events.emit('run-ended', {record, job: this.timer.get(job.id)?.job ?? job, nextAttempt: false});
				this.events.emit('run-failure-final', {runId: record.id, jobId: record.jobId, status: record.status});
			},
			...(this.kept ? {kept: this.kept} : {}),
		});
		this.live = new LiveRuns({
			executor: deps.executor,
			recorder: this.recorder,
			clock: deps.clock,
			logger: deps.logger,
			paths: deps.paths,
			runLogs: deps.runLogs,
			startGroup: (live, sink) => startGroup(this, live, sink),
			tail: lines => this.appendTail(lines),
			started: live => runStarted(this, live),
			progressed: live => runProgressed(this, live),
			notify: (live, title, body, users) => this.events.emit('job-notify', {jobId: live.record.jobId, runId: live.record.id, title, body, users}),
			runLogsProblem: problem => {
				if (this.notices.get('run-logs') !== problem) {
					this.setNotice('run-logs', problem);
				}
			},
			ended: live => runEnded(this, live.pending, live.record, live.handedOver === true),
			firesFirst: () => this.timer.fireIfDue(),
		});
		this.dispatch = new RunDispatch({
			config: () => this.state.config,
			clock: deps.clock,
			recorder: this.recorder,
			live: this.live,
			queued: record => runQueued(this, record),
			skipped: (record, reason) => runSkipped(this, record, reason),
			dropped: (pending, record) => runDropped(this, pending, record),
			keptAtStop: (pending, record) => this.sequels.keepQueuedAtStop(pending, record),
		});
		this.snapshots = new SnapshotBuilder(snapshotSources(this));
		this.timer.paused = deps.history.schedulerPaused();
		rebuildSlots(this, deps.clock.now());
		this.watch = new JobWatch({
			clock: deps.clock,
			jobs: () => [...this.timer.all()],
			job: jobId => this.timer.get(jobId),
			schedulerPaused: () => this.timer.paused,
			isLive: jobId => this.live.ofJob(jobId).length > 0 || this.dispatch.queue.has(jobId),
			alert: alert => {
				this.say(alert.kind === 'deadline-met' || alert.kind === 'heartbeat-up' ? 'info' : 'warn', alert.message, {jobId: alert.jobId, runId: alert.runId});
				this.events.emit('job-alert', alert);
			},
			changed: () => this.changed('jobs'),
			overMaxDuration: (run, mark) => this.recorder.note(run, {overMaxDuration: mark}),
		}, deps.heartbeats, (what, work) => this.writes.write(what, work));
		this.pauses = {
			timer: this.timer,
			clock: deps.clock,
			writes: this.writes,
			history: deps.history,
			watch: this.watch,
			events: this.events,
			say: (msg, jobId) => this.say('info', msg, jobId === undefined ? {} : {jobId}),
			paused: async jobId => {
				const attempts = this.sequels.jobPaused(jobId);
				return {runs: await cancelQueuedOfTurnedOff(this, id => id === jobId, () => `${jobId} was paused`), attempts};
			},
			schedulerPaused: async () => {
				const attempts = this.sequels.schedulerPaused();
				return {runs: await cancelQueuedOfTurnedOff(this, () => true, () => 'the scheduler was paused'), attempts};
			},
			changed: (...parts) => this.changed(...parts),
			stopping: () => this.state.phase === 'stopping',
		};
	}

	/** Says something in the console's log tail and the process log. */
	say(level: 'info' | 'warn' | 'error', msg: string, fields: {jobId?: string; runId?: number} = {}): void {
		this.deps.logger[level](fields, msg);
		this.appendTail([{time: this.deps.clock.now(), level, msg, ...fields}]);
	}

	appendTail(lines: LogLine[]): void {
		if (lines.length > 0) {
			this.tail.append(lines);
			this.events.emit('log-lines', {lines});
		}
	}

	/** These parts of the snapshot moved: they are rebuilt at the next read, and clients hear of it. */
	changed(...parts: SnapshotPart[]): void {
		this.snapshots.touch(...parts);
		this.events.emit('changed', undefined);
	}

	/** A standing notice for the header (undefined clears it). */
	setNotice(key: string, text: string | undefined): void {
		this.notices.set(key, text);
		this.changed('notices');
	}

	request(jobId: string, options: SubmitOptions): Dispatched {
		return requestRun(this, jobId, options);
	}

	submit(jobId: string, options: SubmitOptions = {}): SubmitResult {
		return submitResult(this.request(jobId, options));
	}

	/** Settles with the run's record when it ends (at once if it already has). */
	async whenFinished(runId: number): Promise<RunRecord | undefined> {
		const record = this.recorder.get(runId);
		if (!record || (record.status !== 'queued' && record.status !== 'running')) {
			return record;
		}

		return this.sequels.finished(runId);
	}

	/** A second's due fires become runs (fire-requests.ts). */
	private fire(fires: DueFire[]): void {
		requestFires(fires, {
			dispatch: this.dispatch,
			calendar: this.state.calendar,
			events: this.events,
			say: (msg, jobId) => this.say('warn', msg, {jobId}),
			remember: (jobId, at) => this.writes.write(`remember the last fire of ${jobId}`, () => this.deps.history.recordFire(jobId, at)),
		});
		this.changed('jobs');
	}
}
