/**
 * The scheduler's snapshot, rebuilt part by part: a part is replaced only when something in it
 * changed, so clients (and React) can tell what moved by identity, and a progress tick does not
 * rebuild 500 job rows.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {CalendarData} from '../market/trading-calendar.js';
import type {JobView, LiveRunView, RemoteView, RetryView, SchedulerInfo, SchedulerSnapshot} from '../protocol/snapshot.js';
import type {JobSlot} from './job-slot.js';
import type {LiveRun} from './live-runs.js';
import type {PendingRun} from '../core/run-queue.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import {waitReason} from '../core/wait-reason.js';
import type {TodayLedger} from './today-ledger.js';

export type SnapshotPart = 'scheduler' | 'jobs' | 'live' | 'today' | 'config' | 'notices' | 'alerts' | 'remote';

export type SnapshotSources = {
	info(): SchedulerInfo;
	slots(): Iterable<JobSlot>;
	live(): LiveRun[];
	queued(): readonly PendingRun[];
	/** Each job's soonest next attempt waiting for its backoff. */
	retries?(): ReadonlyMap<string, RetryView>;
	/** The limits a queued run waits for (the config's now). */
	limits?(): Pick<SchedulerConfig, 'maxParallel' | 'queueLimits'>;
	today: TodayLedger;
	configProblems(): readonly ConfigProblem[];
	configWarnings(): readonly ConfigProblem[];
	calendarWarning(): string | undefined;
	/** The days of the calendar in use: the same object until a reload changes the calendar. */
	calendar(): CalendarData;
	notices(): string[];
	/** The notification channels configured (none: the snapshot has none). */
	alertChannels?(): readonly string[];
	loopDelayMs(): number;
	/** The whole scheduler is paused: no job fires on schedule. */
	schedulerPaused(): boolean;
	/** Runs on workers: Redis, workers, queue depths (none without `redis:`). */
	remote?(): RemoteView | undefined;
};

function jobView(slot: JobSlot, today: TodayLedger, liveCount: ReadonlyMap<string, number>, schedulerPaused: boolean, retry: RetryView | undefined): JobView {
	const {job} = slot;
	// With the whole scheduler paused the slot's next fire stands still and slips into the past: none is
	// shown, as for a paused job, and the job says it is held (resumed, its next fire is reckoned from then).
	const held = schedulerPaused && slot.active && slot.nextFireAt !== undefined;
	return {
		id: job.id,
		name: job.name,
		schedule: slot.scheduleText,
		queue: job.queue,
		priority: job.priority,
		...(job.runOn === 'workers' ? {workers: job.workerQueue ?? job.queue} : {}),
		enabled: job.enabled,
		paused: slot.paused,
		nextFireAt: slot.active && !schedulerPaused ? slot.nextFireAt : undefined,
		...(held ? {heldBySchedulerPause: true} : {}),
		neverFires: job.neverFires === true || (job.enabled && job.trigger.kind !== 'none' && slot.nextFireAt === undefined),
		lastRun: today.lastRun(job.id),
		liveRuns: liveCount.get(job.id) ?? 0,
		...(retry ? {retry} : {}),
		kind: job.target.kind,
	};
}

function liveView(pending: PendingRun, live: LiveRun | undefined, waitingFor?: string): LiveRunView {
	const record = live?.record;
	return {
		runId: pending.runId,
		jobId: pending.job.id,
		jobName: pending.job.name,
		trigger: pending.trigger,
		// Waiting for a worker is waiting, though the scheduler has handed it over.
		status: live && !live.waiting ? 'running' : 'queued',
		scheduledAt: pending.scheduledAt,
		startedAt: record?.startedAt,
		attempt: pending.attempt,
		progress: record?.progress,
		message: record?.message,
		logPath: record?.logPath,
		...(live?.worker === undefined ? {} : {worker: live.worker}),
		...(waitingFor === undefined ? {} : {waitingFor}),
	};
}

/** Waiting runs listed in a snapshot (all are counted in `queuedTotal`). */
const maxQueuedShown = 50;

/** The first waiting runs, each with why it waits (when the limits are known). */
function queuedViews(queued: readonly PendingRun[], running: readonly PendingRun[], limits: Pick<SchedulerConfig, 'maxParallel' | 'queueLimits'> | undefined): LiveRunView[] {
	return queued.slice(0, maxQueuedShown).map(pending => liveView(pending, undefined, limits && waitReason(pending, running, limits)));
}

export class SnapshotBuilder {
	private readonly dirty = new Set<SnapshotPart>(['scheduler', 'jobs', 'live', 'today', 'config', 'notices', 'alerts', 'remote']);
	private current: SchedulerSnapshot | undefined;

	constructor(private readonly sources: SnapshotSources) {}

	/** Marks parts stale; the next snapshot() rebuilds them. */
	touch(...parts: SnapshotPart[]): void {
		for (const part of parts) {
			this.dirty.add(part);
		}
	}

	snapshot(): SchedulerSnapshot {
		const loopDelayMs = Math.round(this.sources.loopDelayMs());
		if (this.current && this.dirty.size === 0 && this.current.loopDelayMs === loopDelayMs) {
			return this.current;
		}

		const s = this.sources;
		const previous = this.current;
		const rebuild = (part: SnapshotPart) => !previous || this.dirty.has(part);
		const live = s.live();
		let jobs = previous?.jobs;
		// Progress touches `live` alone: job rows change when runs start and end (`jobs`), not per tick.
		if (rebuild('jobs') || rebuild('today')) {
			const liveCount = new Map<string, number>();
			for (const run of [...live.map(l => l.pending), ...s.queued()]) {
				liveCount.set(run.job.id, (liveCount.get(run.job.id) ?? 0) + 1);
			}

			const schedulerPaused = s.schedulerPaused();
			const retries = s.retries?.();
			jobs = [...s.slots()].map(slot => jobView(slot, s.today, liveCount, schedulerPaused, retries?.get(slot.job.id)));
		}

		this.current = {
			scheduler: rebuild('scheduler') ? s.info() : previous!.scheduler,
			jobs: jobs!,
			// Every running run, and the first of those waiting: a backlog of thousands would make every
			// snapshot (four a second, to every client) as long as the backlog.
			live: rebuild('live') ? [...live.map(l => liveView(l.pending, l)), ...queuedViews(s.queued(), live.map(l => l.pending), s.limits?.())] : previous!.live,
			queuedTotal: rebuild('live') ? s.queued().length + live.filter(l => l.waiting).length : previous!.queuedTotal,
			today: rebuild('today') ? s.today.stats : previous!.today,
			failuresToday: rebuild('today') ? s.today.failures : previous!.failuresToday,
			configProblems: rebuild('config') ? s.configProblems() : previous!.configProblems,
			configWarnings: rebuild('config') ? s.configWarnings() : previous!.configWarnings,
			calendarWarning: rebuild('config') ? s.calendarWarning() : previous!.calendarWarning,
			calendar: rebuild('config') ? s.calendar() : previous!.calendar,
			notices: rebuild('notices') ? s.notices() : previous!.notices,
			alertChannels: rebuild('alerts') ? s.alertChannels?.() ?? [] : previous!.alertChannels,
			loopDelayMs,
		};
		const remote = rebuild('remote') ? s.remote?.() : previous!.remote;
		if (remote) {
			this.current.remote = remote;
		}

		this.dirty.clear();
		return this.current;
	}
}
