/**
 * The scheduler's watches on jobs beyond firing them — deadlines, max_duration, heartbeat jobs — fed
 * by the scheduler's few hooks, and their marks on the snapshot's job rows (a heartbeat's state, an
 * overdue line) and live run rows (past max_duration). Rows are replaced only when a mark changed, so
 * clients still compare by identity.
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {JobView, LiveRunView, SchedulerSnapshot} from '../protocol/snapshot.js';
import {DeadlineWatch} from './deadline-watch.js';
import {HeartbeatMonitor, type PingOutcome} from './heartbeat-monitor.js';
import {MaxDurationWatch} from './max-duration-watch.js';
import type {WatchDeps, WatchStorePort} from './watch-ports.js';

export class JobWatch {
	readonly deadlines: DeadlineWatch;
	readonly heartbeats: HeartbeatMonitor;
	private readonly durations: MaxDurationWatch;
	private version = 0;
	private cache: {jobsIn: readonly JobView[]; version: number; jobsOut: readonly JobView[]} | undefined;
	private liveCache: {liveIn: readonly LiveRunView[]; version: number; liveOut: readonly LiveRunView[]} | undefined;
	private lastSnapshot: {input: SchedulerSnapshot; output: SchedulerSnapshot} | undefined;

	constructor(deps: WatchDeps, store: WatchStorePort | undefined, write: (what: string, work: () => void) => void) {
		const marked: WatchDeps = {
			...deps,
			changed: () => {
				this.version++;
				deps.changed();
			},
		};
		this.deadlines = new DeadlineWatch(marked, store, write);
		this.heartbeats = new HeartbeatMonitor(marked, store, write);
		this.durations = new MaxDurationWatch(marked);
	}

	start(now: number, successes: Array<{jobId: string; tradeDate: string}>, lastEnds?: ReadonlyMap<string, RunRecord>): void {
		this.deadlines.start(now, successes, lastEnds);
		this.heartbeats.start();
	}

	stop(): void {
		this.deadlines.stop();
		this.heartbeats.stop();
		this.durations.stop();
	}

	/** Jobs, pauses or the config changed: plan again. */
	replan(): void {
		this.deadlines.arm();
		this.heartbeats.evaluate();
	}

	started(run: RunRecord, job: JobDefinition): void {
		this.deadlines.started(run);
		this.durations.started(run, job.maxDurationMs);
	}

	ended(run: RunRecord): void {
		this.deadlines.ended(run);
		this.durations.ended(run);
	}

	ping(jobId: string, outcome: PingOutcome) {
		return this.heartbeats.ping(jobId, outcome);
	}

	/** The snapshot with the watches' marks on its job rows. */
	mark(snapshot: SchedulerSnapshot): SchedulerSnapshot {
		if (this.lastSnapshot?.input === snapshot && this.cache?.version === this.version) {
			return this.lastSnapshot.output;
		}

		if (this.cache?.jobsIn !== snapshot.jobs || this.cache.version !== this.version) {
			const overdue = this.deadlines.overdueJobs;
			const jobsOut = snapshot.jobs.map(view => {
				const heartbeat = this.heartbeats.view(view.id);
				const missed = overdue.get(view.id);
				const line = missed === undefined ? (heartbeat && (heartbeat.state === 'late' || heartbeat.state === 'down') ? `heartbeat ${heartbeat.state}` : undefined) : `deadline missed (${missed.day})`;
				if (!heartbeat && !line) {
					return view;
				}

				return {
					...view,
					// Never pinged, no ping is expected yet (`new` goes neither late nor down): its schedule's next
					// time is when one is due, as `list` says; the scheduler keeps that time current.
					...(heartbeat ? {kind: 'heartbeat' as const, heartbeat, nextFireAt: heartbeat.state === 'new' ? view.nextFireAt : heartbeat.nextExpectedAt} : {}),
					...(line ? {overdue: line} : {}),
					...(missed ? {deadlineMissedAt: missed.at} : {}),
				};
			});
			this.cache = {jobsIn: snapshot.jobs, version: this.version, jobsOut};
		}

		if (this.liveCache?.liveIn !== snapshot.live || this.liveCache.version !== this.version) {
			const over = this.durations.overRuns;
			const liveOut = over.size === 0 ? snapshot.live : snapshot.live.map(run => {
				const passed = over.get(run.runId);
				return passed ? {...run, overMaxDuration: passed} : run;
			});
			this.liveCache = {liveIn: snapshot.live, version: this.version, liveOut};
		}

		const jobs = this.cache.jobsOut;
		const {liveOut: live} = this.liveCache;
		const output = jobs === snapshot.jobs && live === snapshot.live ? snapshot : {...snapshot, jobs, live};
		this.lastSnapshot = {input: snapshot, output};
		return output;
	}
}
