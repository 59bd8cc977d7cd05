/**
 * The picture of a live scheduler that every client draws from: the console, `status`, the HTTP API.
 * Plain data (it crosses threads and sockets as JSON), immutable once built: the scheduler replaces
 * a part when it changes, so a client can compare parts by identity.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {Priority} from '../core/job-definition.js';
import type {RunError, RunRecord, RunStatus, RunTrigger} from '../core/run-record.js';
import type {CalendarData} from '../market/trading-calendar.js';
import type {ServiceState} from '../supervisor/service-states.js';

/** A run in one line: enough to list it; `get-run` gives the whole record. */
export type RunSummary = Pick<RunRecord, 'id' | 'jobId' | 'trigger' | 'status' | 'scheduledAt' | 'startedAt' | 'finishedAt' | 'durationMs' | 'attempt' | 'tradeDate' | 'worker' | 'overMaxDuration'> & {
	/** Type and message only; the stack is in the full record. */
	error?: Omit<RunError, 'stack'>;
	/** When the scheduler queued it (in `run-queued` events): its fire, for a scheduled run. */
	queuedAt?: number;
};

/** A heartbeat job's state, as Healthchecks.io names them (src/scheduler/heartbeat-monitor.ts). */
export type HeartbeatView = {
	state: 'new' | 'up' | 'late' | 'down' | 'paused';
	graceMs: number;
	lastPingAt?: number;
	lastOutcome?: 'success' | 'fail';
	/** Its last `/start` ping (`sage-console ping JOB --start`): the outside process said it began. */
	lastStartAt?: number;
	/** The next ping is expected by then (late after it, down after it plus grace); none before the first ping (`new` never goes late). */
	nextExpectedAt?: number;
};

export type JobView = {
	id: string;
	name: string;
	/** The schedule in words ("Mon-Fri 16:30 · trading days"). */
	schedule: string;
	queue: string;
	priority: Priority;
	/** `run_on: workers`: the worker queue its runs go to (docs/workers.md); absent for a job that runs here. */
	workers?: string;
	enabled: boolean;
	paused: boolean;
	/**
	 * Undefined while it or the whole scheduler is paused, while disabled, and for a schedule that never fires again.
	 * A heartbeat job's is its next expected ping (`heartbeat.nextExpectedAt`; past while late or down), or
	 * before its first ping its schedule's next time, as `list` gives it.
	 */
	nextFireAt?: number;
	/** The whole scheduler is paused and holds this job's schedule (no `nextFireAt` meanwhile); resumed, it fires again. */
	heldBySchedulerPause?: true;
	/** The schedule can never fire (again): shown as "never". */
	neverFires?: boolean;
	lastRun?: RunSummary;
	/** Its runs running or waiting now. */
	liveRuns: number;
	/** Its next attempt waiting for its backoff (the soonest, if several): after run `after` failed, attempt `attempt` of `of` is asked for at `at`. */
	retry?: RetryView;
	kind: 'module' | 'command' | 'group' | 'heartbeat';
	/** Heartbeat jobs only: an outside process pings in; the console shows the state where others show a run. */
	heartbeat?: HeartbeatView;
	/** Past a deadline it has not made up, or a heartbeat late or down: one line saying so. */
	overdue?: string;
	/** The deadline it missed (epoch ms), while `overdue` says so: overdue since then, until a success. */
	deadlineMissedAt?: number;
};

/** A next attempt waiting for its backoff: `cancel after` drops it, `retry after` asks for it now. */
export type RetryView = {after: number; attempt: number; of: number; at: number};

export type LiveRunView = {
	runId: number;
	jobId: string;
	jobName: string;
	trigger: RunTrigger;
	/** `queued`: waiting for a slot, or handed to the workers' queue and not taken by a worker yet. */
	status: 'queued' | 'running';
	/** A run waiting for a slot: why it has not started ("waits for queue data: 1 of its limit 1 running (run 4 d1)"). */
	waitingFor?: string;
	scheduledAt: number;
	startedAt?: number;
	attempt: number;
	progress?: number;
	message?: string;
	logPath?: string;
	/** `host:pid` of the worker process it runs on (`run_on: workers`), once a worker has taken it. */
	worker?: string;
	/** Running longer than its job's `max_duration`: since when (epoch ms) and that limit. It goes on (`timeout` ends runs). */
	overMaxDuration?: {at: number; maxDurationMs: number};
};

/** A `sage-console worker` process as last heard of through Redis (src/remote). Times are epoch ms. */
export type WorkerView = {
	/** `host:pid`. */
	name: string;
	host: string;
	pid: number;
	queues: readonly string[];
	concurrency: number;
	/** Its heartbeat is current. */
	online: boolean;
	/** It said it is stopping (SIGTERM): it takes nothing new. */
	stopping: boolean;
	startedAt: number;
	/** When this scheduler last heard its heartbeat. */
	lastSeenAt: number;
	/** The runs it is carrying out. */
	runs: ReadonlyArray<{runId: number; jobId: string}>;
	/** The sage-console version it runs (a scheduler and its workers must run the same). */
	version?: string;
};

/** A worker queue's runs by state, as BullMQ counts them. */
export type QueueDepthView = {name: string; waiting: number; active: number; delayed: number};

/** Runs on workers: Redis, the workers and their queues. */
export type RemoteView = {
	/** The URL, without a password. */
	redis: string;
	reachable: boolean;
	/** Why not, while unreachable. */
	problem?: string;
	/** Redis's maxmemory-policy when it is not `noeviction` (queued runs could be evicted). */
	evictionWarning?: string;
	workers: readonly WorkerView[];
	queues: readonly QueueDepthView[];
	/** This scheduler's version as its workers' are compared with it (code-version.ts: `0.1.0+8d71fc6d1b2a`). */
	schedulerVersion?: string;
};

/**
 * Today's ended job runs (skipped ones not counted): `runs` = succeeded + failed (failed, timed out,
 * interrupted) + cancelled. Services' starts are not job runs: each service's `restartsToday` counts them.
 * `cancelled` is always set by the scheduler (optional for snapshots built by hand).
 */
export type TodayStats = {day: string; runs: number; succeeded: number; failed: number; cancelled?: number};

export type SchedulerInfo = {
	pid: number;
	startedAt: number;
	root: string;
	version: string;
	/** The whole scheduler is paused: nothing fires on schedule (manual runs still run). */
	paused: boolean;
	/** Stopping: no new runs start. */
	stopping: boolean;
	timezone: string;
	maxParallel: number;
	/** The config's `shutdown_grace`: how long a stop waits for live runs before it cancels them. */
	shutdownGraceMs: number;
	/**
	 * The config's `retention: {logs_days}` as this scheduler applies it: run logs older are deleted (a
	 * client telling why a run's log is gone asks this, not jobs.yaml on disk). Absent from an older scheduler.
	 */
	logDays?: number;
};

/** A supervised service (jobs.yaml `services:`, src/supervisor), as every client shows it. Times are epoch ms. */
export type ServiceView = {
	id: string;
	name: string;
	state: ServiceState;
	/** In this state since. */
	since: number;
	enabled: boolean;
	/** Its window in words ("session 09:10–15:05 · trading days", "always"). */
	window: string;
	inWindow: boolean;
	/** The live start's run and process. */
	runId?: number;
	pid?: number;
	startedAt?: number;
	/** Ready since (state `up`). */
	upSince?: number;
	/** Automatic and operator restarts today (the first start of a window or a manual start is none). */
	restartsToday: number;
	/** Restarts since this scheduler started (not reset at midnight): `sage_service_restarts_total`. */
	restartsSinceStart?: number;
	/** Resident memory of its whole process tree, MiB (sampled every second or so). */
	memoryMb?: number;
	maxMemoryMb?: number;
	/** The next start: the end of a backoff, or the next window. */
	nextStartAt?: number;
	/** When its window (or a manual start outside it) ends. */
	closesAt?: number;
	/** `stop`: the stop it was asked for (`window-end`, `manual`, `memory`, `restart`…): an end the scheduler brought about, not one of the service's own. */
	lastExit?: {at: number; runId: number; status: RunStatus; exitCode?: number; signal?: string; stop?: string; message: string};
	/** Started by a scheduler before this one and adopted (supervised by polling its pid). */
	adopted?: boolean;
	/** Why it is in its state, when that is not obvious ("manual stop: held until the next window"). */
	note?: string;
};

/** Everything a client shows at a glance. */
export type SchedulerSnapshot = {
	scheduler: SchedulerInfo;
	jobs: readonly JobView[];
	/** Running runs, then the first 50 waiting ones, in the order they will start. */
	live: readonly LiveRunView[];
	/** Runs waiting for a slot or for a worker, all of them (`live` lists the first 50 waiting for a slot). */
	queuedTotal: number;
	today: TodayStats;
	/** Today's failed, timed-out and interrupted runs, newest first (at most 100). */
	failuresToday: readonly RunSummary[];
	configProblems: readonly ConfigProblem[];
	/** Warnings the config loaded with (e.g. a schedule that never fires). */
	configWarnings: readonly ConfigProblem[];
	calendarWarning?: string;
	/**
	 * The trading calendar the scheduler uses (the shipped closures with config/calendar.yaml's), a new
	 * object when a reload changed it: clients show the market's day by it. Absent from an older scheduler.
	 */
	calendar?: CalendarData;
	/**
	 * Standing notices (notification config, file permissions, disk and database trouble), and for an hour
	 * after a start the one that the scheduler before it was down (it starts with `wasDownNoticeStart`).
	 */
	notices: readonly string[];
	/**
	 * The notification channels configured now (config/notify_config.json: `webhook`, `pushplus`,
	 * `dingtalk`, `wecom`, `email`), none when alerts go nowhere; absent from an older scheduler.
	 */
	alertChannels?: readonly string[];
	/** p99 event-loop delay of the scheduler's thread over the last seconds, ms. */
	loopDelayMs: number;
	/** Runs on workers (`redis:` in jobs.yaml); absent when it has none. */
	remote?: RemoteView;
	/** Supervised services; absent when jobs.yaml has none. */
	services?: readonly ServiceView[];
};

/** The parts of a snapshot that changed; a client replaces those parts of its copy. */
export type SnapshotPatch = Partial<SchedulerSnapshot>;

/**
 * How the notice that the scheduler before this start died begins: a past event told, not a condition
 * still true, so a console knows it by these words and lets the operator dismiss it (`d`).
 */
export const wasDownNoticeStart = 'sage-console was down';
