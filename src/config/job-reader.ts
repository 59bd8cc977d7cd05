import {existsSync} from 'node:fs';
import path from 'node:path';
import type {JobDefinition, JobTarget, NotifyRule} from '../core/job-definition.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {parseWindows} from './job-window.js';
import {readTrigger, triggerKeys} from './job-trigger.js';
import {warnIfNeverFires} from './never-fires.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {parseMemorySize} from './quantities.js';
import type {MapReader} from './map-reader.js';

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
export type JobDefaults = {timezone: string; root: string; group?: boolean; now: number; /** The shipped calendar, made once per file read when a check needs it. */ calendar: () => TradingCalendar};

function readGroupTarget(group: MapReader): JobTarget | undefined {
	const mode = group.oneOf('mode', ['sequential', 'parallel'] as const) ?? 'sequential';
	const members = group.stringList('members');
	if (!members || members.length === 0) {
		if (members === undefined) {
			group.source.report(group.map, 'a group needs members: [job ids]');
		} else {
			group.report('members', 'members must name at least one job');
		}

		return undefined;
	}

	return {kind: 'group', mode, members};
}

function readTarget(job: MapReader, root: string): JobTarget | undefined {
	const hasModule = job.has('module');
	const hasCommand = job.has('command');
	if (hasModule === hasCommand) {
		job.source.report(job.map, hasModule ? 'give either module or command, not both' : 'job needs a module (jobs/x.ts) or a command');
		return undefined;
	}

	if (hasModule) {
		const modulePath = job.string('module');
		if (modulePath === undefined) {
			return undefined;
		}

		const absolute = path.resolve(root, modulePath);
		const inside = path.relative(root, absolute);
		if (inside.startsWith('..') || path.isAbsolute(inside)) {
			job.report('module', `module ${modulePath} is outside the project root ${root}: job modules live under it (jobs/x.ts)`);
			return undefined;
		}

		if (!existsSync(absolute)) {
			job.report('module', `module file not found: ${modulePath}`);
			return undefined;
		}

		return {kind: 'module', path: absolute};
	}

	const shell = job.boolean('shell') ?? false;
	const raw = job.value('command');
	let argv: string[] | undefined;
	if (typeof raw === 'string' && shell) {
		argv = [raw];
	} else if (typeof raw === 'string') {
		job.report('command', 'command must be a list such as ["python3", "x.py"]; a string needs shell: true');
	} else if (Array.isArray(raw) && raw.length > 0 && raw.every(part => typeof part === 'string' || typeof part === 'number')) {
		argv = raw.map(String);
	} else {
		job.report('command', 'command must be a non-empty list of strings');
	}

	const env = job.value('env');
	if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env))) {
		job.report('env', 'env must be a mapping of names to values');
	}

	const cwd = job.string('cwd');
	return argv && {
		kind: 'command',
		argv,
		shell,
		cwd: cwd === undefined ? root : path.resolve(root, cwd),
		env: env && typeof env === 'object' ? Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) : undefined,
	};
}

function readNotify(job: MapReader): NotifyRule | undefined {
	const value = job.value('notify');
	if (value === undefined) {
		return undefined;
	}

	if (value === false) {
		return {onFailure: false, onSuccess: false, onRecovery: false};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		job.report('notify', 'notify must be false or a mapping with on_failure, on_success, on_recovery, channels, users');
		return undefined;
	}

	const record = value as Record<string, unknown>;
	const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).map(String) : undefined);
	return {
		onFailure: record.on_failure !== false,
		onSuccess: record.on_success === true,
		onRecovery: record.on_recovery !== false,
		channels: list('channels'),
		users: list('users'),
	};
}

function readParams(job: MapReader): Record<string, unknown> {
	const value = job.value('params');
	if (value === undefined || value === null) {
		return {};
	}

	if (typeof value !== 'object' || Array.isArray(value)) {
		job.report('params', 'params must be a mapping');
		return {};
	}

	return value as Record<string, unknown>;
}

const paramTypes = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** `params_schema: {symbols: {type: array, required: true}, days: integer}`: a type name, or type and required. */
function readParamsSchema(job: MapReader): JobDefinition['paramsSchema'] {
	const value = job.value('params_schema');
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value !== 'object' || Array.isArray(value)) {
		job.report('params_schema', 'params_schema must map param names to a type (string, number, integer, boolean, array, object)');
		return undefined;
	}

	const schema: NonNullable<JobDefinition['paramsSchema']> = {};
	for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
		const entry = typeof spec === 'string' ? {type: spec} : (spec ?? {}) as {type?: unknown; required?: unknown};
		const type = paramTypes.find(candidate => candidate === entry.type);
		if (!type || (entry.required !== undefined && typeof entry.required !== 'boolean')) {
			job.report('params_schema', `params_schema.${name} must be a type (${paramTypes.join(', ')}) or {type: T, required: true|false}`);
			continue;
		}

		schema[name] = {type, required: entry.required === true};
	}

	return schema;
}

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

/** `deadline: "17:30"` as minutes since midnight. */
function readDeadline(job: MapReader): number | undefined {
	const text = job.string('deadline');
	const match = text === undefined ? undefined : /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
	if (text !== undefined && !match) {
		job.report('deadline', `deadline "${text}" is not a time of day (HH:MM, e.g. "17:30")`);
	}

	return match ? (Number(match[1]) * 60) + Number(match[2]) : undefined;
}

/**
 * `heartbeat: true` (an outside process pings in on the schedule; nothing runs here), with `grace`.
 * Its target is an empty group: it is never started (the scheduler refuses runs of a heartbeat job).
 */
function readHeartbeat(job: MapReader, trigger: JobDefinition['trigger'] | undefined): {heartbeat?: {graceMs: number}; target?: JobTarget} {
	const heartbeat = job.boolean('heartbeat') ?? false;
	if (!heartbeat) {
		if (job.has('grace')) {
			job.reportKey('grace', 'grace applies to heartbeat jobs only (heartbeat: true)');
		}

		return {};
	}

	if (job.has('module') || job.has('command')) {
		job.reportKey(job.has('module') ? 'module' : 'command', 'a heartbeat job stands for an outside process: give no module or command');
	}

	if (trigger?.kind === 'none') {
		job.reportKey('heartbeat', 'a heartbeat job needs a schedule (cron, trigger: cron or interval): pings are expected on it');
	}

	return {heartbeat: {graceMs: job.duration('grace') ?? 3_600_000}, target: {kind: 'group', mode: 'parallel', members: []}};
}

function readPingUrl(job: MapReader): string | undefined {
	const url = job.string('ping_url');
	if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
		job.report('ping_url', `ping_url "${url}" must be an http(s) URL`);
		return undefined;
	}

	return url;
}

/** Queue names become Redis key parts for runs on workers (BullMQ refuses `:`). */
const workerQueueName = /^[\w-]{1,64}$/;

/** `run_on: workers` (with `workers: QUEUE`): runs go to `sage-console worker` processes through Redis. */
function readRunOn(job: MapReader, heartbeat: boolean): Pick<JobDefinition, 'runOn' | 'workerQueue'> {
	const runOn = job.oneOf('run_on', ['local', 'workers'] as const);
	if (runOn !== 'workers') {
		if (job.has('workers')) {
			job.reportKey('workers', 'workers names the worker queue of a job with run_on: workers');
		}

		return {};
	}

	if (heartbeat) {
		job.reportKey('run_on', 'a heartbeat job stands for an outside process: it runs nowhere');
		return {};
	}

	const workers = job.string('workers');
	const queue = workers ?? job.string('queue') ?? 'default';
	if (!workerQueueName.test(queue)) {
		job.report(workers === undefined ? (job.has('queue') ? 'queue' : 'run_on') : 'workers', `worker queue "${queue}" may use only letters, digits, _ and - (at most 64)`);
	}

	return {runOn: 'workers', ...(workers === undefined ? {} : {workerQueue: workers})};
}

/** Reads one job; problems go to the source, and undefined comes back when the job is unusable. */
export function readJob(job: MapReader, defaults: JobDefaults): JobDefinition | undefined {
	const before = job.source.problems.length;
	job.rejectUnknownKeys(defaults.group ? groupKeys : jobKeys);
	const id = job.string('id');
	if (id === undefined) {
		if (!job.has('id')) {
			job.source.report(job.map, 'job needs an id');
		}
	} else if (!/^[a-z\d_-]+$/.test(id)) {
		job.report('id', `id "${id}" may use only a-z, 0-9, _ and -`);
	}

	const timezone = job.string('timezone') ?? defaults.timezone;
	if (!isValidTimeZone(timezone)) {
		job.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const after = job.stringList('after') ?? [];
	const trigger = readTrigger(job, isValidTimeZone(timezone) ? timezone : 'UTC', after.length > 0);
	const beat = defaults.group ? {} : readHeartbeat(job, trigger);
	const target = beat.target ?? (defaults.group ? readGroupTarget(job) : readTarget(job, defaults.root));
	const windowValue = job.value('window');
	const windows = windowValue === undefined ? undefined : parseWindows(windowValue);
	if (typeof windows === 'string') {
		job.report('window', windows);
	}

	const maxMemoryValue = job.value('max_memory');
	const maxMemoryMb = maxMemoryValue === undefined ? undefined : parseMemorySize(maxMemoryValue);
	if (maxMemoryValue !== undefined && maxMemoryMb === undefined) {
		job.report('max_memory', `max_memory "${String(maxMemoryValue)}" is not a size (use 512mb, 2gb)`);
	}

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
