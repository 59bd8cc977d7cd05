/**
 * `services:` in jobs.yaml: long-running processes the scheduler keeps up (docs/services.md). Every
 * problem is reported at its position like the rest of the file; a service with a problem loads nothing.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {isSeq, type Node} from 'yaml';
import type {Readiness, ServiceDefinition, ServiceNotify, ServiceTarget, ServiceWindow} from '../supervisor/service-definition.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {didYouMean} from './did-you-mean.js';
import {parseWindows} from './job-window.js';
import {parseMemorySize} from './quantities.js';
import {MapReader} from './map-reader.js';

export const serviceKeys = [
	'id', 'name', 'description', 'module', 'command', 'shell', 'cwd', 'env',
	'window', 'lead', 'lag', 'calendar', 'timezone',
	'restart', 'restart_delay', 'restart_delay_max', 'start_limit', 'start_limit_interval', 'min_uptime',
	'ready_pattern', 'ready_timeout', 'ready_after', 'up_grace',
	'stop_signal', 'stop_timeout', 'max_memory', 'log_max_size', 'log_keep', 'enabled', 'notify',
] as const;

/** Signals a service may be asked to stop with (`TERM` and `SIGTERM` alike, as supervisord and systemd write them). */
const stopSignals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGKILL'] as const;

/** The trading session: the opening auction at 09:15 to the close at 15:00 (lunch included), Shanghai time. */
const session = {startMs: ((9 * 60) + 15) * 60_000, endMs: 15 * 3_600_000, timezone: 'Asia/Shanghai'};
const dayMs = 86_400_000;

export type ServiceDefaults = {timezone: string; root: string; /** Ids of jobs: a service's runs share the history table, so its id must differ. */ jobIds: ReadonlySet<string>};

function duration(reader: MapReader, key: string, fallback: number, allowZero = false): number {
	return reader.duration(key, {allowZero}) ?? fallback;
}

function readTarget(reader: MapReader, root: string): ServiceTarget | undefined {
	const hasModule = reader.has('module');
	if (hasModule === reader.has('command')) {
		reader.source.report(reader.map, hasModule ? 'give either module or command, not both' : 'a service needs a command (a list such as ["python3", "collect.py"]) or a module (a script run by Node)');
		return undefined;
	}

	const env = reader.value('env');
	if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env))) {
		reader.report('env', 'env must be a mapping of names to values');
	}

	const envs = env && typeof env === 'object' && !Array.isArray(env) ? Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value)])) : undefined;
	const cwd = path.resolve(root, reader.string('cwd') ?? '.');
	if (hasModule) {
		const file = reader.string('module');
		if (file !== undefined && !existsSync(path.resolve(root, file))) {
			reader.report('module', `module file not found: ${file}`);
			return undefined;
		}

		return file === undefined ? undefined : {kind: 'module', path: path.resolve(root, file), cwd, env: envs};
	}

	const shell = reader.boolean('shell') ?? false;
	const raw = reader.value('command');
	if (typeof raw === 'string' && shell) {
		return {kind: 'command', argv: [raw], shell, cwd, env: envs};
	}

	if (Array.isArray(raw) && raw.length > 0 && raw.every(part => typeof part === 'string' || typeof part === 'number')) {
		return {kind: 'command', argv: raw.map(String), shell, cwd, env: envs};
	}

	reader.report('command', typeof raw === 'string' ? 'command must be a list such as ["python3", "collect.py"]; a string needs shell: true' : 'command must be a non-empty list of strings');
	return undefined;
}

/** `window: always` (the default), `trading-session` (with `lead`/`lag`), or times such as "08:00-20:00" (with `calendar`). */
function readWindow(reader: MapReader, timezone: string): ServiceWindow | undefined {
	const value = reader.value('window') ?? 'always';
	const calendar = reader.oneOf('calendar', ['trading-days'] as const);
	for (const key of ['lead', 'lag'] as const) {
		if (reader.has(key) && value !== 'trading-session') {
			reader.reportKey(key, `${key} applies to window: trading-session only`);
		}
	}

	if (value === 'always') {
		if (calendar) {
			reader.reportKey('calendar', 'calendar needs a window with times (trading-session, or times such as "08:00-20:00")');
		}

		return {kind: 'always'};
	}

	if (value === 'trading-session') {
		const lead = duration(reader, 'lead', 0, true);
		const lag = duration(reader, 'lag', 0, true);
		const startMs = session.startMs - lead;
		const endMs = session.endMs + lag;
		if (startMs < 0 || endMs > dayMs) {
			reader.report(startMs < 0 ? 'lead' : 'lag', 'lead and lag must keep the window inside the day (a window never crosses midnight)');
			return undefined;
		}

		return {kind: 'daily', ranges: [{startMs, endMs}], timezone: session.timezone, tradingDaysOnly: true, text: 'trading-session'};
	}

	if (typeof value === 'string' && !/\d/.test(value)) {
		const suggestion = didYouMean(value, ['always', 'trading-session']);
		reader.report('window', `window must be always, trading-session, or times such as "08:00-20:00", not "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
		return undefined;
	}

	const ranges = parseWindows(value);
	if (typeof ranges === 'string') {
		reader.report('window', `${ranges.replace('or use trading-hours', 'or use always, trading-session')}`);
		return undefined;
	}

	return {
		kind: 'daily',
		ranges: ranges.map(range => ({startMs: range.startMinute * 60_000, endMs: range.endMinute * 60_000})),
		timezone,
		tradingDaysOnly: calendar === 'trading-days',
		text: Array.isArray(value) ? value.join(',') : String(value),
	};
}

function readReadiness(reader: MapReader): Readiness {
	const pattern = reader.string('ready_pattern');
	if (pattern !== undefined && reader.has('ready_after')) {
		reader.reportKey('ready_after', 'give ready_pattern or ready_after, not both');
	}

	if (reader.has('ready_timeout') && pattern === undefined) {
		reader.reportKey('ready_timeout', 'ready_timeout applies to ready_pattern only');
	}

	if (pattern !== undefined) {
		try {
			new RegExp(pattern);
		} catch (error) {
			reader.report('ready_pattern', `ready_pattern is not a regular expression: ${(error as Error).message}`);
		}

		return {kind: 'pattern', pattern, timeoutMs: duration(reader, 'ready_timeout', 60_000)};
	}

	const afterMs = duration(reader, 'ready_after', 0, true);
	return afterMs > 0 ? {kind: 'after', afterMs} : {kind: 'immediate'};
}

function readStopSignal(reader: MapReader): NodeJS.Signals {
	const value = reader.value('stop_signal');
	if (value === undefined) {
		return 'SIGTERM';
	}

	const name = typeof value === 'string' ? (value.toUpperCase().startsWith('SIG') ? value.toUpperCase() : `SIG${value.toUpperCase()}`) : '';
	const signal = stopSignals.find(candidate => candidate === name);
	if (!signal) {
		reader.report('stop_signal', `stop_signal must be one of ${stopSignals.join(', ')} (or without SIG), not ${JSON.stringify(value)}`);
	}

	return signal ?? 'SIGTERM';
}

function readNotify(reader: MapReader): ServiceNotify | undefined {
	const value = reader.value('notify');
	if (value === undefined || value === true) {
		return undefined;
	}

	if (value === false) {
		return false;
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).some(key => key !== 'channels' && key !== 'users')) {
		reader.report('notify', 'notify must be false or a mapping with channels and users');
		return undefined;
	}

	const record = value as Record<string, unknown>;
	const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).map(String) : undefined);
	return {channels: list('channels'), users: list('users')};
}

function memory(reader: MapReader, key: string): number | undefined {
	const value = reader.value(key);
	const mb = value === undefined ? undefined : parseMemorySize(value);
	if (value !== undefined && mb === undefined) {
		reader.report(key, `${key} "${String(value)}" is not a size (use 512mb, 2gb)`);
	}

	return mb;
}

/** Reads one service; problems go to the source, and undefined comes back when it is unusable. */
export function readService(reader: MapReader, defaults: ServiceDefaults): ServiceDefinition | undefined {
	const before = reader.source.problems.length;
	reader.rejectUnknownKeys(serviceKeys);
	const id = reader.string('id');
	if (id === undefined) {
		if (!reader.has('id')) {
			reader.source.report(reader.map, 'a service needs an id');
		}
	} else if (!/^[a-z\d_-]+$/.test(id)) {
		reader.report('id', `id "${id}" may use only a-z, 0-9, _ and -`);
	} else if (defaults.jobIds.has(id)) {
		reader.report('id', `"${id}" is already a job's id: a service's runs share the history with jobs, so its id must differ`);
	}

	const timezone = reader.string('timezone') ?? defaults.timezone;
	if (!isValidTimeZone(timezone)) {
		reader.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const target = readTarget(reader, defaults.root);
	const window = readWindow(reader, isValidTimeZone(timezone) ? timezone : 'UTC');
	const restartDelayMs = duration(reader, 'restart_delay', 1000);
	const restartDelayMaxMs = duration(reader, 'restart_delay_max', Math.max(60_000, restartDelayMs));
	if (restartDelayMaxMs < restartDelayMs) {
		reader.report('restart_delay_max', 'restart_delay_max must not be shorter than restart_delay');
	}

	const service: ServiceDefinition = {
		id: id ?? '',
		name: reader.string('name') ?? id ?? '',
		target: target!,
		window: window!,
		restart: reader.oneOf('restart', ['on-failure', 'always', 'never'] as const) ?? 'on-failure',
		restartDelayMs,
		restartDelayMaxMs,
		startLimit: reader.integer('start_limit', 1, 1000) ?? 5,
		startLimitIntervalMs: duration(reader, 'start_limit_interval', 600_000),
		minUptimeMs: duration(reader, 'min_uptime', 30_000, true),
		readiness: readReadiness(reader),
		upGraceMs: duration(reader, 'up_grace', 120_000, true),
		stopSignal: readStopSignal(reader),
		stopTimeoutMs: duration(reader, 'stop_timeout', 10_000, true),
		maxMemoryMb: memory(reader, 'max_memory'),
		logMaxBytes: Math.round((memory(reader, 'log_max_size') ?? 10) * 1_048_576),
		logKeep: reader.integer('log_keep', 0, 100) ?? 5,
		enabled: reader.boolean('enabled') ?? true,
		notify: readNotify(reader),
	};
	return reader.source.problems.length === before && target && window ? service : undefined;
}

/** The `services:` list; undefined when the file has none. */
export function readServices(root: MapReader, defaults: ServiceDefaults): ServiceDefinition[] | undefined {
	const list = root.node('services');
	if (list === undefined && !root.has('services')) {
		return undefined;
	}

	if (!isSeq(list)) {
		root.report('services', 'services must be a list of service definitions');
		return undefined;
	}

	const services: ServiceDefinition[] = [];
	const seen = new Map<string, Node>();
	for (const item of list.items) {
		const reader = MapReader.of(root.source, item, 'a service');
		const idNode = reader?.node('id');
		const id = reader?.value('id');
		if (typeof id === 'string' && idNode) {
			if (seen.has(id)) {
				root.source.report(idNode, `duplicate service id "${id}" (first defined at line ${root.source.lineOf(seen.get(id)!)})`);
			} else {
				seen.set(id, idNode);
			}
		}

		const service = reader && readService(reader, defaults);
		if (service) {
			services.push(service);
		}
	}

	return services;
}
