/**
 * `services:` in jobs.yaml: long-running processes the scheduler keeps up (docs/services.md). Every
 * problem is reported at its position like the rest of the file; a service with a problem loads nothing.
 */
import {isMap} from 'yaml';
import type {ServiceDefinition, ServiceNotify} from '../supervisor/service-definition.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {idProblem} from './id-rules.js';
import {MapReader} from './map-reader.js';
import {readNotifyAudience} from './notify-audience.js';
import {readReadiness} from './service-readiness-reader.js';
import {readStopSignal} from './service-stop-signal.js';
import {readServiceTarget} from './service-target.js';
import {readServiceWindow} from './service-window-reader.js';

export const serviceKeys = [
	'id', 'name', 'description', 'module', 'command', 'shell', 'cwd', 'env',
	'window', 'lead', 'lag', 'calendar', 'timezone',
	'restart', 'restart_delay', 'restart_delay_max', 'start_limit', 'start_limit_interval', 'min_uptime',
	'ready_pattern', 'ready_timeout', 'ready_after', 'up_grace',
	'stop_signal', 'stop_timeout', 'max_memory', 'log_max_size', 'log_keep', 'enabled', 'notify',
] as const;

export type ServiceDefaults = {
	timezone: string;
	root: string;
	/** Ids of jobs: a service's runs share the history table, so its id must differ. */
	jobIds: ReadonlySet<string>;
	/** A `module:` file not there is no problem (a worker's read: it runs no service, worker-own-jobs.ts). */
	moduleFilesOptional?: boolean;
};

function duration(reader: MapReader, key: string, fallback: number, allowZero = false): number {
	return reader.duration(key, {allowZero}) ?? fallback;
}

function readNotify(reader: MapReader): ServiceNotify | undefined {
	const value = reader.value('notify');
	if (value === undefined || value === true) {
		return undefined;
	}

	if (value === false) {
		return false;
	}

	const notify = isMap(reader.node('notify')) ? MapReader.of(reader.source, reader.node('notify'), 'notify') : undefined;
	if (!notify || notify.keys().some(key => key !== 'channels' && key !== 'users')) {
		reader.report('notify', 'notify must be false or a mapping with channels and users');
		return undefined;
	}

	return readNotifyAudience(notify);
}

/** Reads one service; problems go to the source, and undefined comes back when it is unusable. */
export function readService(reader: MapReader, defaults: ServiceDefaults): ServiceDefinition | undefined {
	const before = reader.source.problems.length;
	reader.rejectUnknownKeys(serviceKeys);
	const id = reader.string('id');
	const idRefused = id === undefined ? undefined : idProblem(id, '/v1/services/ID');
	if (id === undefined) {
		if (!reader.has('id')) {
			reader.source.report(reader.map, 'a service needs an id');
		}
	} else if (idRefused) {
		reader.report('id', idRefused);
	} else if (defaults.jobIds.has(id)) {
		reader.report('id', `"${id}" is already a job's id: a service's runs share the history with jobs, so its id must differ`);
	}

	const timezone = reader.string('timezone') ?? defaults.timezone;
	if (!isValidTimeZone(timezone)) {
		reader.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const target = readServiceTarget(reader, defaults.root, defaults.moduleFilesOptional);
	const window = readServiceWindow(reader, isValidTimeZone(timezone) ? timezone : 'UTC');
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
		maxMemoryMb: reader.memorySize('max_memory'),
		logMaxBytes: Math.round((reader.memorySize('log_max_size') ?? 10) * 1_048_576),
		logKeep: reader.integer('log_keep', 0, 100) ?? 5,
		enabled: reader.boolean('enabled') ?? true,
		notify: readNotify(reader),
	};
	return reader.source.problems.length === before && target && window ? service : undefined;
}
