/**
 * The settings of jobs.yaml a running scheduler applies at a reload (beside its jobs), as the reload
 * line names them when an edit changed them: `max_parallel 4 → 1`. The ones it keeps until the next
 * start are told by host/start-only-settings.ts.
 */
import {formatDuration} from '../config/quantities.js';
import type {SchedulerConfig} from '../core/job-definition.js';

type Setting = [name: string, read: (config: SchedulerConfig) => string];

const maxParallel: Setting = ['max_parallel', config => String(config.maxParallel)];
/** After the queues, in the order jobs.yaml's top keys usually come. */
const laterSettings: Setting[] = [
	['runs_days', config => String(config.retention.runDays)],
	['logs_days', config => String(config.retention.logDays)],
	['shutdown', config => config.shutdown.mode],
	['shutdown_grace', config => formatDuration(config.shutdown.graceMs)],
	['timezone', config => config.timezone],
];

function changed(list: Setting[], before: SchedulerConfig, after: SchedulerConfig): string[] {
	return list.filter(([, read]) => read(before) !== read(after)).map(([name, read]) => `${name} ${read(before)} → ${read(after)}`);
}

/** A queue's limit, `none` where the file sets none (the queue is bound only by max_parallel). */
function queueChanges(before: SchedulerConfig, after: SchedulerConfig): string[] {
	const names = [...new Set([...Object.keys(before.queueLimits), ...Object.keys(after.queueLimits)])];
	const limit = (config: SchedulerConfig, name: string) => String(config.queueLimits[name] ?? 'none');
	return names
		.filter(name => limit(before, name) !== limit(after, name))
		.map(name => `queues ${name}: ${limit(before, name)} → ${limit(after, name)}`);
}

/** Each applied setting the edit changed, `name old → new`; none: empty. */
export function settingChanges(before: SchedulerConfig, after: SchedulerConfig): string[] {
	return [...changed([maxParallel], before, after), ...queueChanges(before, after), ...changed(laterSettings, before, after)];
}
