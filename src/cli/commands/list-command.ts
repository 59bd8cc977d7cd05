import {existsSync} from 'node:fs';
import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';
import {loadCalendar} from '../../host/scheduler-process.js';
import {nextFireTimes, jobSchedule} from '../../core/triggers/job-schedule.js';
import {describeSchedule} from '../../core/triggers/describe-schedule.js';
import type {JobState} from '../../engine/ports.js';
import {HistoryStore} from '../../store/history-store.js';
import {openDatabase} from '../../store/open-database.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {textTable} from './text-table.js';
import {UsageError} from './usage-error.js';

function readJobStates(dbFile: string): Map<string, JobState> {
	if (!existsSync(dbFile)) {
		return new Map();
	}

	const db = openDatabase(dbFile);
	try {
		return new HistoryStore(db).jobStates();
	} finally {
		db.close();
	}
}

export function parseInstant(text: string | undefined, flag: string): number {
	if (text === undefined) {
		return Date.now();
	}

	const ms = Date.parse(text);
	if (Number.isNaN(ms)) {
		throw new UsageError(`${flag} "${text}" is not an ISO-8601 date-time (e.g. 2026-09-30T17:00:00+08:00)`);
	}

	return ms;
}

/** `sage-console list`: the next fire times of every job from an instant, with calendar filters applied. */
export function listCommand(paths: AppPaths, flags: {json?: boolean; from?: string; count?: number}): number {
	const config = loadJobsConfig(paths.configFile, paths.root);
	const calendar = loadCalendar(paths);
	const states = readJobStates(paths.dbFile);
	const from = parseInstant(flags.from, '--from');
	const count = flags.count ?? 5;
	if (!Number.isInteger(count) || count < 1 || count > 10_000) {
		throw new UsageError('--count must be a whole number from 1 to 10000');
	}

	const jobs = config.jobs.map(job => {
		const state = states.get(job.id);
		const schedule = jobSchedule(job, calendar, new Date(state?.intervalAnchor ?? from));
		const next = job.enabled ? nextFireTimes(schedule, new Date(from), count) : [];
		return {job, next, paused: state?.paused ?? false};
	});
	if (flags.json) {
		process.stdout.write(`${JSON.stringify(jobs.map(({job, next, paused}) => ({
			id: job.id,
			name: job.name,
			schedule: describeSchedule(job),
			next: next.map(time => formatZonedIso(time, job.timezone)),
			paused,
			enabled: job.enabled,
		})), null, 2)}\n`);
		return 0;
	}

	process.stdout.write(`${textTable(['ID', 'NAME', 'SCHEDULE', 'NEXT', 'STATE'], jobs.map(({job, next, paused}) => [
		job.id,
		job.name,
		describeSchedule(job),
		next[0] ? formatZonedIso(next[0], job.timezone).replace('T', ' ') : '—',
		job.enabled ? (paused ? 'paused' : 'active') : 'disabled',
	]))}\n`);
	return 0;
}
