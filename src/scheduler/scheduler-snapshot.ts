/**
 * What the scheduler's snapshot is made of: the builder's sources (the scheduler's own figures, the
 * jobs, live and queued runs, today, the config's problems, notices, the alert channels, the calendar,
 * the workers), and the whole as clients get it, with the watches' marks and the supervisor's services.
 */
import type {SchedulerInfo, SchedulerSnapshot} from '../protocol/snapshot.js';
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import {jobsCalendarWarning} from './jobs-calendar-warning.js';
import type {JobWatch} from './job-watch.js';
import type {LiveRuns} from './live-runs.js';
import type {LoopDelayMonitor} from './loop-delay.js';
import type {Notices} from './notices.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';
import type {ServicesPart} from './services-part.js';
import type {SnapshotBuilder, SnapshotPart, SnapshotSources} from './snapshot-builder.js';
import type {TodayLedger} from './today-ledger.js';

export type SnapshotSourceParts = {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'info'>;
	readonly state: SchedulerState;
	readonly timer: FireTimer;
	readonly live: LiveRuns;
	readonly dispatch: RunDispatch;
	readonly sequels: Pick<RunSequels, 'waitingRetries'>;
	readonly today: TodayLedger;
	readonly notices: Notices;
	readonly writes: HistoryWrites;
	readonly loopDelay: LoopDelayMonitor;
};

/** Read when the builder rebuilds a part, so each source is the scheduler's as it is then. */
export function snapshotSources(parts: SnapshotSourceParts): SnapshotSources {
	const {clock} = parts.deps;
	return {
		info: () => schedulerInfo(parts),
		slots: () => parts.timer.all(),
		live: () => parts.live.all(),
		queued: () => parts.dispatch.queue.all(),
		retries: () => parts.sequels.waitingRetries(),
		limits: () => parts.state.config,
		today: parts.today,
		configProblems: () => parts.state.configProblems,
		configWarnings: () => parts.state.configWarnings,
		calendarWarning: () => jobsCalendarWarning(parts.state, clock.now()),
		calendar: () => parts.state.calendar.data,
		notices: () => [...parts.notices.list(), ...(parts.writes.notice ? [parts.writes.notice] : [])],
		loopDelayMs: () => parts.loopDelay.p99(clock.now()),
		schedulerPaused: () => parts.timer.paused,
		remote: () => parts.state.remoteView,
		alertChannels: () => parts.state.alertChannels,
	};
}

function schedulerInfo({deps, state, timer}: SnapshotSourceParts): SchedulerInfo {
	const {config} = state;
	return {...deps.info, startedAt: state.startedAt, paused: timer.paused, stopping: state.phase === 'stopping', timezone: config.timezone, maxParallel: config.maxParallel, shutdownGraceMs: config.shutdown.graceMs, logDays: config.retention.logDays};
}

/** The parts of the snapshot that a new day changes. */
export const dayParts: readonly SnapshotPart[] = ['today', 'jobs', 'config'];

export type WholeSnapshotParts = {
	readonly deps: Pick<SchedulerDeps, 'clock'>;
	readonly today: TodayLedger;
	readonly snapshots: SnapshotBuilder;
	readonly watch: JobWatch;
	readonly services: ServicesPart;
};

/**
 * The snapshot as clients get it; a new day first rolls today's figures over, and the calendar's
 * warning is asked again (in December next year's closures are due; on 1 January this year's).
 */
export function wholeSnapshot(parts: WholeSnapshotParts): SchedulerSnapshot {
	if (parts.today.rollOver(parts.deps.clock.now())) {
		parts.snapshots.touch(...dayParts);
	}

	return parts.services.join(parts.watch.mark(parts.snapshots.snapshot()));
}
