/** The validated, typed shape of a job; produced by src/config, consumed by the engine. */
import type {ServiceDefinition} from '../supervisor/service-definition.js';
import type {ApsCronSpec} from './triggers/aps-cron-spec.js';

export type Priority = 'high' | 'medium' | 'low';
export type ConcurrencyPolicy = 'skip' | 'queue' | 'replace' | 'allow';
export type CatchUpPolicy = 'skip' | 'once' | 'all';
export type CalendarFilter = 'trading-days' | 'non-trading-days';

/**
 * APScheduler 3's `start_date`, `end_date` and `jitter` on CronTrigger and IntervalTrigger
 * (src/core/triggers/bounded-schedule.ts, src/scheduler/fire-jitter.ts).
 */
export type TriggerBounds = {
	/** The first fire is at or after it (inclusive); an interval counts from it. */
	startDate?: Date;
	/** No fire after it (inclusive): past it, the job never fires again. */
	endDate?: Date;
	/** Each fire starts up to this much after its fire time (uniformly at random), never past `endDate`. @default 0 */
	jitterMs?: number;
};

export type TriggerSpec =
	/**
	 * A croner pattern. `andDays` combines day-of-month and day-of-week with AND (APScheduler semantics).
	 * With `aps`, the APScheduler fields are the schedule and `pattern` only describes it.
	 */
	| ({
		kind: 'cron';
		pattern: string;
		andDays: boolean;
		isoWeeks?: ReadonlySet<number>;
		description: string;
		/** APScheduler `trigger: cron` fields, parsed (src/core/triggers/aps-cron-spec.ts). */
		aps?: ApsCronSpec;
		/** Fires a time a DST fall-back repeats once (true) or at both occurrences; see src/core/triggers/fixed-time.ts. */
		fixedTime?: boolean;
	} & TriggerBounds)
	/** `startDate` is where the intervals count from (APScheduler's IntervalTrigger); absent, from when the job was first seen. */
	| ({kind: 'interval'; everyMs: number} & TriggerBounds)
	| {kind: 'date'; runDate: Date}
	/** No schedule of its own: started by hand, by a chain (`after`) or a group. */
	| {kind: 'none'};

export type JobTarget =
	| {kind: 'module'; path: string}
	| {kind: 'command'; argv: string[]; shell: boolean; cwd?: string; env?: Record<string, string>}
	/** A group runs its member jobs as one unit: one after another (stopping at a failure) or all at once. */
	| {kind: 'group'; mode: 'sequential' | 'parallel'; members: string[]};

/** A daily time window in the job's time zone, minutes since midnight, end exclusive. */
export type TimeWindow = {startMinute: number; endMinute: number};

export type NotifyRule = {
	onFailure: boolean;
	onSuccess: boolean;
	onRecovery: boolean;
	/** `notify: false`: nothing of the job is alerted, its deadline, max_duration and heartbeat alerts neither. */
	off?: boolean;
	channels?: string[];
	users?: string[];
};

export type JobDefinition = {
	id: string;
	name: string;
	trigger: TriggerSpec;
	timezone: string;
	calendar?: CalendarFilter;
	windows?: TimeWindow[];
	/** 1 = first trading day of the month, -1 = last. */
	tradingDayOfMonth?: number;
	tradingDayOfWeek?: number;
	target: JobTarget;
	params: Record<string, unknown>;
	/**
	 * `params_schema`: the params a run may be given, by name, with their JSON type; a run with an
	 * unknown, mistyped or missing required param is refused with the param named. @default undefined (any params)
	 */
	paramsSchema?: Record<string, {type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object'; required: boolean}>;
	/** @default undefined (no limit) */
	timeoutMs?: number;
	/** @default 0 */
	retries: number;
	/** First retry delay; doubles each attempt. @default 30_000 */
	retryBackoffMs: number;
	/** @default 'skip' */
	concurrency: ConcurrencyPolicy;
	/** @default 'skip' */
	catchUp: CatchUpPolicy;
	/** Missed fire times older than this are not caught up. @default undefined (no limit) */
	misfireGraceMs?: number;
	/** @default 'medium' */
	priority: Priority;
	/** @default 'default' */
	queue: string;
	/** @default true */
	enabled: boolean;
	/** Paused until an operator resumes it, when the job is first seen; the console's pause state wins after that. @default false */
	startPaused: boolean;
	notify?: NotifyRule;
	/** Run when all these jobs succeeded for the same trading day. */
	after: string[];
	/** Heap cap of a module run, in MiB. */
	maxMemoryMb?: number;
	/**
	 * When the config was loaded, its schedule had no fire time left (a past run_date or year, day 31 of
	 * February): it is shown as "never" and the loader returned a warning for it.
	 */
	neverFires?: boolean;
	/**
	 * Alert once when the job has not succeeded by this time of day (minutes since midnight in its zone)
	 * on a day it was due (`deadline: "17:30"`).
	 */
	deadlineMinute?: number;
	/** Alert when a run runs longer than this (the run goes on; `timeout` still ends it). */
	maxDurationMs?: number;
	/**
	 * A heartbeat job stands for an outside process (cron on another box) that pings in on its schedule;
	 * it is never run here. `graceMs`: how late a ping may be before the job is down. @default 1 h
	 */
	heartbeat?: {graceMs: number};
	/** Healthchecks-style URL called on start (`/start`), success (the URL) and failure (`/fail`). */
	pingUrl?: string;
	/** `run_on: workers`: carried out by `sage-console worker` processes through Redis (src/remote), not here. */
	runOn?: 'workers';
	/** The worker queue its runs go to (`workers:`), when it runs on workers. @default the job's `queue` */
	workerQueue?: string;
};

/** Where runs on workers go (`redis:` in jobs.yaml). The password never comes from jobs.yaml. */
export type RedisSettings = {
	/** `redis://host:6379/0` or `rediss://…`, without a password. */
	url: string;
	/** A 0600 file holding the password (else SAGE_REDIS_PASSWORD, else none). */
	passwordFile?: string;
	/** With a `rediss://` URL: the files of its TLS (`redis.tls`), relative to the root. */
	tls?: RedisTlsFiles;
};

/** PEM files for Redis over TLS: the CA that signed the server's certificate, and this side's certificate and key (0600). */
export type RedisTlsFiles = {caFile?: string; certFile?: string; keyFile?: string};

/** How long the scheduler's thread may go without answering the API before `/v1/health` says not ok. */
export const defaultHealthTimeoutMs = 15_000;

/** The HTTP API (`http:` in jobs.yaml, or `--http ADDR`); off when absent. Tokens never come from jobs.yaml. */
export type HttpSettings = {
	/** `host:port`, e.g. `127.0.0.1:8470`. */
	listen: string;
	/** A 0600 file of `scope:token` lines (scope `read` or `control`). */
	tokensFile?: string;
	/** Host header values accepted besides the listen address and localhost (DNS-rebinding check). */
	allowedHosts: string[];
	/** `/metrics` without a token. @default false */
	metricsPublic: boolean;
	/** @default 1 MiB */
	bodyLimitBytes: number;
	/** `/v1/health` says not ok once the scheduler's thread has not answered for this long. @default 15 s */
	healthTimeoutMs: number;
};

export type SchedulerConfig = {
	timezone: string;
	/** @default 4 */
	maxParallel: number;
	/** Per-queue limit on runs at once. */
	queueLimits: Record<string, number>;
	retention: {runDays: number; logDays: number};
	/** Spare job workers kept booted for a job that has no worker of its own yet. @default 2 */
	warmWorkers: number;
	/**
	 * Job workers kept after a clean run for the same job's next run (all jobs together; each idles up
	 * to 30 s). A job firing every few seconds then reuses its worker instead of booting one. @default 4
	 */
	idleWorkers: number;
	/** On SIGTERM/SIGINT: wait for live runs (up to `graceMs`, then cancel them) or cancel them at once. */
	shutdown: {mode: 'wait' | 'cancel'; graceMs: number};
	jobs: JobDefinition[];
	http?: HttpSettings;
	/** Long-running processes kept up in their windows (`services:`, src/supervisor); absent: none. */
	services?: ServiceDefinition[];
	/** Redis for runs on workers (`run_on: workers`); absent: every job runs here. */
	redis?: RedisSettings;
};

export const priorityRank: Record<Priority, number> = {high: 0, medium: 1, low: 2};
