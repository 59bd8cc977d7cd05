import type {SchedulerConfig} from '../core/job-definition.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {MapReader} from './map-reader.js';

/** The scheduler's own top-level settings: everything in SchedulerConfig but the jobs, services, http and redis. */
export type SchedulerSettings = Pick<SchedulerConfig, 'timezone' | 'maxParallel' | 'queueLimits' | 'retention' | 'warmWorkers' | 'idleWorkers' | 'shutdown'>;

function readQueueLimits(root: MapReader): Record<string, number> {
	const value = root.value('queues');
	if (value === undefined) {
		return {};
	}

	const limits: Record<string, number> = {};
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		for (const [name, limit] of Object.entries(value)) {
			if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) {
				limits[name] = limit;
			} else {
				root.report('queues', `queue "${name}" needs a whole-number limit of at least 1`);
			}
		}
	} else {
		root.report('queues', 'queues must map queue names to their limits, e.g. {data: 2}');
	}

	return limits;
}

function readRetention(root: MapReader): SchedulerConfig['retention'] {
	const node = root.node('retention');
	const retention = {runDays: 90, logDays: 30};
	if (node === undefined) {
		return retention;
	}

	const reader = MapReader.of(root.source, node, 'retention');
	if (!reader) {
		return retention;
	}

	reader.rejectUnknownKeys(['runs_days', 'logs_days']);
	retention.runDays = reader.integer('runs_days', 1) ?? retention.runDays;
	retention.logDays = reader.integer('logs_days', 1) ?? retention.logDays;
	return retention;
}

/** `timezone`, `max_parallel`, `warm_workers`, `idle_workers`, `queues`, `shutdown`, `shutdown_grace` and `retention`, with their defaults. */
export function readSchedulerSettings(root: MapReader): SchedulerSettings {
	const timezone = root.string('timezone') ?? 'Asia/Shanghai';
	if (!isValidTimeZone(timezone)) {
		root.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const maxParallel = root.integer('max_parallel', 1, 256) ?? 4;
	const warmWorkers = root.integer('warm_workers', 0, 64) ?? 2;
	const idleWorkers = root.integer('idle_workers', 0, 1000) ?? 4;
	const queueLimits = readQueueLimits(root);
	const shutdownMode = root.oneOf('shutdown', ['wait', 'cancel'] as const) ?? 'wait';
	// A stop that waits longer than a day for live runs is no stop (systemd would have killed it long before).
	const graceMs = root.duration('shutdown_grace', {allowZero: true, longestMs: 86_400_000});
	const retention = readRetention(root);
	return {timezone, maxParallel, queueLimits, retention, warmWorkers, idleWorkers, shutdown: {mode: shutdownMode, graceMs: graceMs ?? 30_000}};
}
