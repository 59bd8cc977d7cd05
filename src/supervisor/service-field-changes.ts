/**
 * What an edit of jobs.yaml changed in one service, field by field as jobs.yaml names them, old → new
 * as the reload line names settings (`restart on-failure → always`, `stop_timeout 3.0s → 10s`). An env
 * value may be a secret (a broker password): its key is named, never its value (`env BROKER_PASS changed`).
 */
import {formatDuration} from '../config/quantities.js';
import type {Readiness, ServiceDefinition, ServiceNotify} from './service-definition.js';
import {describeWindow} from './service-window.js';

/** A value longer than this is cut short (the file has it whole). */
const longestValue = 40;

type Field = [name: string, read: (def: ServiceDefinition) => string];

function cut(text: string, keepEnd = false): string {
	if (text.length <= longestValue) {
		return text;
	}

	return keepEnd ? `…${text.slice(-(longestValue - 1))}` : `${text.slice(0, longestValue - 1)}…`;
}

function readinessText(readiness: Readiness): string {
	switch (readiness.kind) {
		case 'pattern': {
			return `/${readiness.pattern}/ within ${formatDuration(readiness.timeoutMs)}`;
		}

		case 'after': {
			return `after ${formatDuration(readiness.afterMs)}`;
		}

		default: {
			return 'at start';
		}
	}
}

function bytesText(bytes: number): string {
	return bytes >= 1_048_576 ? `${Math.round(bytes / 10_485.76) / 100} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function notifyText(notify: ServiceNotify | undefined): string {
	if (notify === undefined) {
		return 'every channel';
	}

	return notify === false ? 'false' : JSON.stringify(notify);
}

const targetFields: Field[] = [
	['name', def => cut(def.name)],
	['module', def => (def.target.kind === 'module' ? cut(def.target.path, true) : '-')],
	['command', def => (def.target.kind === 'command' ? cut(def.target.argv.join(' ')) : '-')],
	['shell', def => String(def.target.kind === 'command' && def.target.shell)],
	['cwd', def => cut(def.target.cwd, true)],
];

const windowField: Field = ['window', def => describeWindow(def.window)];

/** After the window (and its zone), in the order jobs.yaml lists them. */
const laterFields: Field[] = [
	['restart', def => def.restart],
	['restart_delay', def => formatDuration(def.restartDelayMs)],
	['restart_delay_max', def => formatDuration(def.restartDelayMaxMs)],
	['start_limit', def => String(def.startLimit)],
	['start_limit_interval', def => formatDuration(def.startLimitIntervalMs)],
	['min_uptime', def => formatDuration(def.minUptimeMs)],
	['ready', def => cut(readinessText(def.readiness))],
	['up_grace', def => formatDuration(def.upGraceMs)],
	['stop_signal', def => def.stopSignal],
	['stop_timeout', def => formatDuration(def.stopTimeoutMs)],
	['max_memory', def => (def.maxMemoryMb === undefined ? 'none' : `${def.maxMemoryMb} MiB`)],
	['log_max_size', def => bytesText(def.logMaxBytes)],
	['log_keep', def => String(def.logKeep)],
	['enabled', def => String(def.enabled)],
	['notify', def => cut(notifyText(def.notify))],
];

/** The env keys added, removed and given another value: named only, the values may be secrets. */
function envChanges(before: Record<string, string> = {}, after: Record<string, string> = {}): string[] {
	const changes: string[] = [];
	for (const key of Object.keys(before)) {
		if (!(key in after)) {
			changes.push(`env ${key} removed`);
		} else if (before[key] !== after[key]) {
			changes.push(`env ${key} changed`);
		}
	}

	for (const key of Object.keys(after)) {
		if (!(key in before)) {
			changes.push(`env ${key} added`);
		}
	}

	return changes;
}

function changed(list: Field[], before: ServiceDefinition, after: ServiceDefinition): string[] {
	return list.filter(([, read]) => read(before) !== read(after)).map(([name, read]) => `${name} ${read(before)} → ${read(after)}`);
}

/** The zone of a window's times, when both are windows of times (from or to `always`, the window's change says it all). */
function zoneChange({window: before}: ServiceDefinition, {window: after}: ServiceDefinition): string[] {
	return before.kind === 'daily' && after.kind === 'daily' && before.timezone !== after.timezone ? [`timezone ${before.timezone} → ${after.timezone}`] : [];
}

/** Each field the edit changed, `name old → new` (env: keys only), in the order jobs.yaml's service keys come; none: empty. */
export function serviceFieldChanges(before: ServiceDefinition, after: ServiceDefinition): string[] {
	return [
		...changed(targetFields, before, after),
		...envChanges(before.target.env, after.target.env),
		...changed([windowField], before, after),
		...zoneChange(before, after),
		...changed(laterFields, before, after),
	];
}
