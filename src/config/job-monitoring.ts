/**
 * How a job is watched and who hears of it: `notify`, `deadline`, `heartbeat` (with `grace`) and
 * `ping_url`.
 */
import type {JobDefinition, JobTarget, NotifyRule} from '../core/job-definition.js';
import {isMap} from 'yaml';
import {MapReader} from './map-reader.js';
import {readNotifyAudience} from './notify-audience.js';

const notifyKeys = ['on_failure', 'on_success', 'on_recovery', 'channels', 'users'];

/** `notify: false`, or a mapping whose every key is known and checked: a typo (`channel:`, `on_failures:`, `wechat`) once read as the default, silently. */
export function readNotify(job: MapReader): NotifyRule | undefined {
	const value = job.value('notify');
	if (value === undefined) {
		return undefined;
	}

	if (value === false) {
		return {onFailure: false, onSuccess: false, onRecovery: false, off: true};
	}

	const notify = isMap(job.node('notify')) ? MapReader.of(job.source, job.node('notify'), 'notify') : undefined;
	if (!notify) {
		job.report('notify', 'notify must be false or a mapping with on_failure, on_success, on_recovery, channels, users');
		return undefined;
	}

	notify.rejectUnknownKeys(notifyKeys);
	return {
		onFailure: notify.boolean('on_failure') ?? true,
		onSuccess: notify.boolean('on_success') ?? false,
		onRecovery: notify.boolean('on_recovery') ?? true,
		...readNotifyAudience(notify),
	};
}

/** `deadline: "17:30"` as minutes since midnight. */
export function readDeadline(job: MapReader): number | undefined {
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
export function readHeartbeat(job: MapReader, trigger: JobDefinition['trigger'] | undefined): {heartbeat?: {graceMs: number}; target?: JobTarget} {
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

export function readPingUrl(job: MapReader): string | undefined {
	const url = job.string('ping_url');
	if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
		job.report('ping_url', `ping_url "${url}" must be an http(s) URL`);
		return undefined;
	}

	return url;
}
