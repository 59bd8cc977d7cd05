/**
 * Everything a client may ask a scheduler and everything a scheduler publishes: one typed map each.
 * The console, the CLI's control commands and the HTTP API speak only this.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {LogLine} from '../core/log-line.js';
import type {RunRecord, RunStatus, RunTrigger} from '../core/run-record.js';
import type {MarketPhase} from '../market/market-session.js';
import type {SchedulerIdentity} from './scheduler-identity.js';
import type {HeartbeatView} from './snapshot.js';
import type {RunSummary, SchedulerSnapshot, ServiceView, SnapshotPatch} from './snapshot.js';

/** A request for a run: it was queued (or started), or not, with why. */
export type SubmitResult =
	| {ok: true; run: RunSummary}
	| {ok: false; reason: string; /** The `skipped` row, when the refusal was recorded. */ run?: RunSummary};

/** A cancel: done, or not with why; `droppedAttempt`: the run had ended, and its next attempt, waiting for its backoff after run `after`, will not run. */
/**
 * A pause's answer: whether it changed anything, and what it stopped of what had not begun. `runs`: each
 * run cancelled before it started, `was` `queued` (for a slot), `off-queue` (taken off worker queue
 * `queue`), `taken` (a worker took it as the pause came: it goes on) or `withdrawing` (the queue has not
 * answered yet). `attempts`: each next attempt dropped while it waited for its backoff after run `after`.
 */
export type PauseResult = {
	changed: boolean;
	stopped: {
		runs: Array<{runId: number; jobId: string; was: 'queued' | 'off-queue' | 'taken' | 'withdrawing'; queue?: string}>;
		attempts: Array<{after: number; jobId: string; attempt: number}>;
	};
};

export type CancelResult = {ok: boolean; reason?: string; droppedAttempt?: {after: number; attempt: number}};

export type HistoryQuery = {
	jobId?: string;
	status?: RunStatus;
	trigger?: RunTrigger;
	/** Scheduled at or after (epoch ms). */
	since?: number;
	/** Scheduled before (epoch ms). */
	until?: number;
	/** @default 50 */
	limit?: number;
	/** The runs listed after this one, newest first (paging); those with a lower id when it is gone. */
	beforeId?: number;
};

export type NotificationView = {
	channel: string;
	recipient: string;
	kind: string;
	status: string;
	attempts: number;
	error?: string;
	createdAt: number;
};

/** Why a job did or did not fire lately, and what comes next. */
export type JobDetail = {
	jobId: string;
	nextFires: number[];
	neverFires: boolean;
	recentRuns: RunSummary[];
	successRate?: number;
	/** Durations (ms) of its last successful runs, oldest first. */
	durations: number[];
	/** Plain reasons: paused, disabled, holiday, outside its window, skipped by concurrency… */
	notes: string[];
};

export type LogChunk = {
	logPath?: string;
	/** The file's lines from `offset`, as written (pino JSON lines, raw). */
	lines: string[];
	/** Where to read on from. */
	nextOffset: number;
	/** The run has ended: nothing more will be written. */
	finished: boolean;
	/** A service run's: some or all of its lines were rotated away, said for the reader (service-run-lines.ts). */
	missing?: string;
	/** A service run's: where in its service's live output file this read ended; a follower passes it back (service-run-log-read.ts). */
	fileOffset?: number;
};

/**
 * What the scheduler's watches say about a job beyond its runs' own ends: a deadline missed (and met
 * late), a run past its max_duration, a heartbeat job late, down or back up.
 */
export type JobAlertKind = 'deadline-missed' | 'deadline-met' | 'max-duration' | 'heartbeat-late' | 'heartbeat-down' | 'heartbeat-up';

export type JobAlert = {
	jobId: string;
	kind: JobAlertKind;
	/** When it was noticed (epoch ms). */
	at: number;
	/** One line for a person: what and why. */
	message: string;
	runId?: number;
	/** The day (YYYY-MM-DD, the job's zone) a deadline was for. */
	day?: string;
	/** Why a deadline was missed. */
	reason?: 'never started' | 'still running' | 'failed';
};

/** One job's runs over a range: counts by outcome and duration percentiles (ms) of its successes. */
export type JobStatistics = {
	jobId: string;
	/** Ended runs (skipped ones not counted): succeeded + failed + cancelled. */
	runs: number;
	succeeded: number;
	/** Failed, timed out or interrupted. */
	failed: number;
	cancelled: number;
	skipped: number;
	successRate?: number;
	p50Ms?: number;
	p90Ms?: number;
	p99Ms?: number;
	maxMs?: number;
};

/** Runs per job over a range (`statistics`). */
export type StatisticsResult = {since: number; until: number; jobs: JobStatistics[]};

/** The exchange calendar over a range and the market now (`calendar`). */
export type CalendarView = {today: string; isTradingDay: boolean; marketPhase: MarketPhase; from: string; to: string; tradingDays: string[]; closures: string[]; knownYears: number[]};

/** An edit of jobs.yaml from a client: what it would change (or changed), or why not. */
export type JobsEditResult = {
	ok: boolean;
	problems: ConfigProblem[];
	added: string[];
	changed: string[];
	removed: string[];
	/** Per changed job, what changed in it (`minutes: 10 → 15`, `+ retries: 2`). */
	fields?: Record<string, string[]>;
	written: boolean;
	/** Set when jobs.yaml is (or would be) written whole rather than edited in place, and why. */
	warning?: string;
	/** The scheduler's reload after the write. */
	reload?: {ok: boolean; problems: ConfigProblem[]};
};

/** The exchange at an instant (`market`). */
export type MarketView = {at: number; day: string; tradingDay: boolean; phase: MarketPhase};

/** What `start-service`, `stop-service` and `restart-service` answer: done (or under way), or why not. */
export type ServiceActionResult = {ok: boolean; message: string; service?: ServiceView};

/** A service up close (the console's Enter, `sage-console status SERVICE`): its newest output and its last crashes. */
export type ServiceDetail = {
	service: ServiceView;
	/** `logs/services/<id>.log` and `<id>.err.log`. */
	outputFile: string;
	errorFile: string;
	/** Their last lines, oldest first, as written. */
	output: string[];
	errors: string[];
	/** Its last failed runs today or before, newest first, with the stderr tail as the stack. */
	crashes: RunRecord[];
};

/** Method → its params and result. */
export type Requests = {
	/**
	 * The first message of a connection. `client` names the client for the scheduler's log: its kind
	 * (`console`, `cli logs`), with its pid when it is another process (`console (pid 1234)`).
	 * The answer's `pid` and `startedAt` (when this scheduler started, ms) name the scheduler
	 * (scheduler-identity.ts). `droppedAt`: when it last dropped a client of this name for not reading
	 * (its clock), so one cut off before it read the closing line that said so learns when.
	 */
	hello: {params: {protocol: number; client: string}; result: SchedulerIdentity & {protocol: number; version: string; root: string; droppedAt?: number}};
	/**
	 * The snapshot and the newest log lines; events published after this reach the connection in order.
	 * `events` names the events wanted (default: every event but the opt-in ones, `optInEvents`);
	 * subscribing again replaces the choice. The tail is the newest `tailLines` (at most 5,000) that fit
	 * a few MB.
	 */
	subscribe: {params: {tailLines?: number; events?: EventName[]}; result: {snapshot: SchedulerSnapshot; tail: LogLine[]; /** The scheduler holds lines older than `tail` (it was cut to `tailLines`, or to a few MB of long lines). */ olderLines?: boolean}};
	snapshot: {params: Record<string, never>; result: SchedulerSnapshot};
	'run-job': {params: {jobId: string; params?: Record<string, unknown>; tradeDate?: string}; result: SubmitResult};
	backfill: {params: {jobId: string; from: string; to: string}; result: SubmitResult[]};
	'pause-job': {params: {jobId: string}; result: PauseResult};
	'resume-job': {params: {jobId: string}; result: {changed: boolean}};
	'pause-scheduler': {params: Record<string, never>; result: PauseResult};
	'resume-scheduler': {params: Record<string, never>; result: {changed: boolean}};
	'cancel-run': {params: {runId: number}; result: CancelResult};
	'retry-run': {params: {runId: number}; result: SubmitResult};
	/**
	 * `ok`, `problems` and the job lists are jobs.yaml's; `notes` say what else the reload did or could not do
	 * (calendar.yaml, the notify files, settings that apply at the next start); `settingsProblems` are those
	 * other files' problems (what they had loaded before stays); `settings` each applied setting of jobs.yaml
	 * the edit changed (`max_parallel 4 → 1`, `queues backtest: 2 → 1`), as the scheduler's log line names them;
	 * `services` the services it added, removed and changed (absent: none), with `fields` per changed one
	 * (`restart on-failure → always`, `env TOKEN changed`: an env value is never told).
	 */
	/** `file`: the jobs.yaml the client means (`reload --config FILE`): refused, nothing reloaded, when this scheduler reads another. */
	reload: {params: {file?: string}; result: {ok: boolean; problems: ConfigProblem[]; added: string[]; removed: string[]; changed: string[]; settings?: string[]; services?: {added: string[]; removed: string[]; changed: string[]; fields: Record<string, string[]>}; notes?: string[]; settingsProblems?: ConfigProblem[]}};
	/** A service run's `offset` counts its own lines only; `fileOffset`: the last answer's, to read on without reading its earlier lines again. */
	'read-log': {params: {runId: number; offset?: number; maxBytes?: number; fileOffset?: number}; result: LogChunk};
	history: {params: HistoryQuery; result: RunSummary[]};
	/** `nextAttempt`: the run ended and its next attempt is still to come (a retry after its backoff, at `at`). */
	'get-run': {params: {runId: number}; result: {
		run?: RunRecord; notifications: NotificationView[]; nextAttempt?: {attempt: number; at?: number};
		/** A queued run: why it waits (the snapshot's `waitingFor`). */ waitingFor?: string;
		/** The run's next attempt was coming and was dropped: why, as the scheduler's log said it (`cancelled while it waited for its backoff after run 7`). */
		nextAttemptDropped?: string;
	};};
	'job-detail': {params: {jobId: string}; result: JobDetail};
	/** Counts and duration percentiles per job for runs scheduled in [since, until) (default: today). At most 92 days. */
	statistics: {params: {since?: number; until?: number; jobId?: string}; result: StatisticsResult};
	calendar: {params: {from?: string; to?: string}; result: CalendarView};
	/** The outside process of a heartbeat job pinged (`start`, `success` — the default — or `fail`). */
	'ping-heartbeat': {params: {jobId: string; outcome?: string}; result: HeartbeatView};
	/** The definitions as written in jobs.yaml, and which are paused now. */
	'export-jobs': {params: {jobs?: string[]}; result: {jobs: Array<Record<string, unknown>>; paused: string[]}};
	/** Replaces jobs.yaml's job list with `text` (YAML or JSON, as exported); comments of untouched jobs kept. */
	'import-jobs': {params: {text: string; name?: string; dryRun?: boolean}; result: JobsEditResult};
	'put-job': {params: {jobId: string; definition: Record<string, unknown>; dryRun?: boolean}; result: JobsEditResult};
	'delete-job': {params: {jobId: string; dryRun?: boolean}; result: JobsEditResult};
	/** Starts a service now; outside its window it stays up until the end of its next window (or a stop). */
	'start-service': {params: {serviceId: string}; result: ServiceActionResult};
	/** Stops a service; it is held stopped until a manual start or its next window. */
	'stop-service': {params: {serviceId: string}; result: ServiceActionResult};
	'restart-service': {params: {serviceId: string}; result: ServiceActionResult};
	'service-detail': {params: {serviceId: string; lines?: number}; result: ServiceDetail};
	/** The exchange at an instant (default now): its day, whether it trades, its phase (the metrics' market gauges). */
	market: {params: {at?: number}; result: MarketView};
	/** Answered by the scheduler's thread at once: that it is alive and turning (the API's `/v1/health` asks every few seconds). */
	ping: {params: Record<string, never>; result: {at: number}};
};

export type Method = keyof Requests;
export type ParamsOf<M extends Method> = Requests[M]['params'];
export type ResultOf<M extends Method> = Requests[M]['result'];

/** Event name → its data. Kebab-case names, one map. */
export type Events = {
	'run-queued': RunSummary;
	'run-started': RunSummary;
	/** `at`: when the scheduler heard the report (epoch ms, the clock of the run log lines' `time`). */
	'run-progress': {runId: number; jobId: string; progress?: number; message?: string; at?: number};
	/**
	 * `nextAttempt`: this attempt is not the run's last word, its next attempt is still to come (a retry
	 * after its backoff, or a worker's run handed over); as for alerts, a failure is final only without it.
	 */
	'run-finished': RunSummary & {nextAttempt?: true};
	'run-skipped': RunSummary;
	/** New lines for the log tail (jobs' own and the scheduler's), oldest first. */
	'log-lines': {lines: LogLine[]};
	'job-changed': {jobId: string; paused: boolean};
	'config-reloaded': {added: string[]; removed: string[]; changed: string[]};
	'config-invalid': {problems: ConfigProblem[]};
	'scheduler-state': {paused: boolean; stopping: boolean};
	/** Parts of the snapshot that changed, at most a few times a second. */
	'snapshot-changed': SnapshotPatch;
	/** A job called ctx.notify. */
	'job-notify': {jobId: string; runId: number; title: string; body: string; users?: string[]};
	/** A deadline missed or met late, a run past max_duration, a heartbeat job late, down or up again. */
	'job-alert': JobAlert;
	/** Opt-in (metrics): a due fire was handled, `lateMs` after its time. */
	fired: {jobId: string; lateMs: number};
	/** Opt-in (metrics): fire times that passed without a run (a clock jump, a suspended machine, or while stopped). */
	'fires-missed': {jobId: string; count: number};
	/** Opt-in (metrics): a notification delivery's final outcome. */
	'alert-delivered': {channel: string; outcome: 'sent' | 'failed'};
	/**
	 * Opt-in (metrics): run `runId`, whose end was told with `nextAttempt`, is final after all: a pause, a
	 * reload or a start dropped that attempt, so its failure (`status`) is alerted now. Not a second end of
	 * the run (no `run-finished` again: its duration and its followers heard it once).
	 */
	'run-failure-final': {runId: number; jobId: string; status: RunStatus};
};

export type EventName = keyof Events;
