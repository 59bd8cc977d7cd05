import type {JobDefinition} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {apschedulerKeyAdvice} from './apscheduler-key-advice.js';
import {idProblem} from './id-rules.js';
import {readDeadline, readHeartbeat, readNotify, readPingUrl} from './job-monitoring.js';
import {readParams, readParamsSchema} from './job-params.js';
import {readRunOn} from './job-run-on.js';
import {readGroupTarget, readJobTarget} from './job-target.js';
import {readTrigger, triggerKeys} from './job-trigger.js';
import {parseWindows} from './job-window.js';
import type {MapReader} from './map-reader.js';
import {warnIfNeverFires} from './never-fires.js';

export const jobKeys = [
	'id', 'name', 'description', ...triggerKeys, 'timezone', 'calendar', 'window', 'trading_day_of_month',
	'trading_day_of_week', 'module', 'command', 'shell', 'cwd', 'env', 'params', 'params_schema', 'timeout', 'retries', 'retry_backoff',
	'concurrency', 'catch_up', 'misfire_grace', 'priority', 'queue', 'enabled', 'paused', 'notify', 'after', 'max_memory',
	'deadline', 'max_duration', 'heartbeat', 'grace', 'ping_url', 'run_on', 'workers',
] as const;

export const groupKeys = [
	'id', 'name', 'description', ...triggerKeys, 'timezone', 'calendar', 'window', 'trading_day_of_month',
	'trading_day_of_week', 'mode', 'members', 'timeout', 'concurrency', 'catch_up', 'misfire_grace', 'priority',
	'enabled', 'paused', 'notify', 'after',
] as const;

/** `now`: the instant "never fires" is judged from (the load time). */
export type JobDefaults = {
	timezone: string;
	root: string;
	group?: boolean;
	now: number;
	/** The shipped calendar, made once per file read when a check needs it. */
	calendar: () => TradingCalendar;
	/** A `module:` file not there is no problem (a worker's read: that run fails ModuleNotFound, the file's other jobs stand). */
	moduleFilesOptional?: boolean;
	/** An absolute `module:` path outside the root is kept (a worker's read: it may be inside the console's root, known when a run comes). */
	modulesOutsideRoot?: boolean;
};

function readTradingDayPosition(job: MapReader, key: string): number | undefined {
	const value = job.value(key);
	if (value === undefined) {
		return undefined;
	}

	if (value === 1 || value === -1) {
		return value;
	}

	job.report(key, `${key} must be 1 (first) or -1 (last)`);
	return undefined;
}

/** Reads one job; problems go to the source, and undefined comes back when the job is unusable. */
export function readJob(job: MapReader, defaults: JobDefaults): JobDefinition | undefined {
	const before = job.source.problems.length;
	job.rejectUnknownKeys(defaults.group ? groupKeys : jobKeys, apschedulerKeyAdvice);
	const id = job.string('id');
	if (id === undefined) {
		if (!job.has('id')) {
			job.source.report(job.map, 'job needs an id');
		}
	} else {
		const problem = idProblem(id, '/v1/jobs/ID');
		if (problem) {
			job.report('id', problem);
		}
	}

	const timezone = job.string('timezone') ?? defaults.timezone;
	if (!isValidTimeZone(timezone)) {
		job.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const after = job.stringList('after') ?? [];
	const trigger = readTrigger(job, isValidTimeZone(timezone) ? timezone : 'UTC', after.length > 0, defaults.group ? 'group' : 'job');
	const beat = defaults.group ? {} : readHeartbeat(job, trigger);
	const target = beat.target ?? (defaults.group ? readGroupTarget(job) : readJobTarget(job, defaults.root, {moduleFileOptional: defaults.moduleFilesOptional, outsideRoot: defaults.modulesOutsideRoot}));
	const windowValue = job.value('window');
	const windows = windowValue === undefined ? undefined : parseWindows(windowValue);
	if (typeof windows === 'string') {
		job.report('window', windows);
	}

	const maxMemoryMb = job.memorySize('max_memory');
	const definition: Partial<JobDefinition> = {
		id,
		name: job.string('name') ?? id,
		trigger,
		timezone,
		calendar: job.oneOf('calendar', ['trading-days', 'non-trading-days'] as const),
		windows: typeof windows === 'string' ? undefined : windows,
		tradingDayOfMonth: readTradingDayPosition(job, 'trading_day_of_month'),
		tradingDayOfWeek: readTradingDayPosition(job, 'trading_day_of_week'),
		target,
		params: readParams(job),
		paramsSchema: readParamsSchema(job),
		timeoutMs: job.duration('timeout'),
		retries: job.integer('retries', 0, 100) ?? 0,
		retryBackoffMs: job.duration('retry_backoff') ?? 30_000,
		concurrency: job.oneOf('concurrency', ['skip', 'queue', 'replace', 'allow'] as const) ?? 'skip',
		catchUp: job.oneOf('catch_up', ['skip', 'once', 'all'] as const) ?? 'skip',
		misfireGraceMs: job.duration('misfire_grace'),
		priority: job.oneOf('priority', ['high', 'medium', 'low'] as const) ?? 'medium',
		queue: job.string('queue') ?? 'default',
		enabled: job.boolean('enabled') ?? true,
		startPaused: job.boolean('paused') ?? false,
		notify: readNotify(job),
		after,
		maxMemoryMb,
		deadlineMinute: readDeadline(job),
		maxDurationMs: job.duration('max_duration'),
		heartbeat: beat.heartbeat,
		pingUrl: readPingUrl(job),
		...(defaults.group ? {} : readRunOn(job, beat.heartbeat !== undefined)),
	};
	if (job.source.problems.length !== before) {
		return undefined;
	}

	const complete = definition as JobDefinition;
	if (warnIfNeverFires(job, complete, defaults.now, defaults.calendar)) {
		complete.neverFires = true;
	}

	return complete;
}
