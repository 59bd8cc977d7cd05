import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {JobDefinition} from '../../core/job-definition.js';
import type {AppPaths} from '../../host/paths.js';
import {describeSchedule} from '../../core/triggers/describe-schedule.js';
import {addDays, zonedClock, zonedDate, zonedInstant} from '../../time/zoned-time.js';
import {calendarDateProblem} from '../../time/calendar-date.js';
import {commandCalendar} from './command-calendar.js';
import {plannedSchedule, readJobStates} from './planned-schedule.js';
import {UsageError} from './usage-error.js';

/** Fire times of one job in a day are listed up to this many, then summarised. */
const maxShownPerJob = 6;

/** A job's `jitter` in seconds (APScheduler's), 0 when it has none. */
function jitterSeconds(job: JobDefinition): number {
	const trigger = job.trigger;
	return (trigger.kind === 'cron' || trigger.kind === 'interval') && trigger.jitterMs ? trigger.jitterMs / 1000 : 0;
}

/**
 * `sage-console plan [--date D]`: what fires when on a day, and what the calendar skips. The day and its
 * times are those of jobs.yaml's `timezone`, the zone the scheduler's "today" counts in (default Asia/Shanghai).
 * The times are the schedule's; a job with `jitter` starts up to that much later, which is said beside them.
 */
export function planCommand(paths: AppPaths, flags: {date?: string; json?: boolean}): number {
	const config = loadJobsConfig(paths.configFile, paths.root);
	const zone = config.timezone;
	const day = flags.date ?? zonedDate(Date.now(), zone);
	const problem = calendarDateProblem(day);
	if (problem) {
		throw new UsageError(`--date ${problem}`);
	}

	const calendar = commandCalendar(paths);

	const start = zonedInstant(day, zone);
	const end = zonedInstant(addDays(day, 1), zone).getTime();
	const states = readJobStates(paths.dbFile);
	const now = Date.now();
	const entries = config.jobs.filter(job => job.enabled).map(job => {
		const schedule = plannedSchedule(job, calendar, states.get(job.id), now);
		const times: number[] = [];
		for (let next = schedule.next(new Date(start.getTime() - 1)); next && next.getTime() < end; next = schedule.next(next)) {
			times.push(next.getTime());
		}

		const unfiltered = plannedSchedule({...job, calendar: undefined, tradingDayOfMonth: undefined, tradingDayOfWeek: undefined}, calendar, states.get(job.id), now);
		const wouldFire = unfiltered.next(new Date(start.getTime() - 1));
		const skippedByCalendar = times.length === 0 && wouldFire !== undefined && wouldFire.getTime() < end;
		return {job, times, skippedByCalendar};
	});
	const kind = calendar.isTradingDay(day) ? 'trading day' : (calendar.isHoliday(day) ? 'exchange holiday' : 'weekend');
	// A year without closure data counts every weekday as trading (New Year's Day too): said as `calendar` says it.
	const year = Number(day.slice(0, 4));
	const closuresLoaded = calendar.hasDataFor(year);
	if (flags.json) {
		process.stdout.write(`${JSON.stringify({date: day, kind, closures_loaded: closuresLoaded, jobs: entries.map(entry => ({
			id: entry.job.id, fires: entry.times.map(time => zonedClock(time, zone)), skipped_by_calendar: entry.skippedByCalendar,
			...(jitterSeconds(entry.job) > 0 ? {jitter_seconds: jitterSeconds(entry.job)} : {}),
		}))})}\n`);
		return 0;
	}

	const lines = [`${day} (${kind}${closuresLoaded || kind === 'weekend' ? '' : `; no closure data for ${year}: every weekday counts as a trading day`})`];
	const timeline = entries.flatMap(entry => entry.times.slice(0, maxShownPerJob).map(time => ({time, entry})))
		.sort((a, b) => a.time - b.time);
	const skipped = entries.filter(candidate => candidate.skippedByCalendar);
	// The ids in one column; seconds when a time shown is off the whole minute (an interval counted from
	// 13:05:43 fires at 00:05:43, and `every 30s` would read 09:56 twice).
	const idWidth = Math.max(0, ...[...timeline.map(({entry}) => entry), ...skipped].map(entry => entry.job.id.length));
	const seconds = timeline.some(({time}) => Math.floor(time / 1000) % 60 !== 0);
	const timeWidth = Math.max(seconds ? 8 : 5, skipped.length > 0 ? 'skipped'.length : 0);
	for (const {time, entry} of timeline) {
		const more = entry.times.length > maxShownPerJob && time === entry.times[maxShownPerJob - 1] ? `  (+${entry.times.length - maxShownPerJob} more today)` : '';
		const jitter = jitterSeconds(entry.job) > 0 ? `  + up to ${jitterSeconds(entry.job)}s jitter` : '';
		lines.push(`  ${zonedClock(time, zone).slice(0, seconds ? 8 : 5).padEnd(timeWidth)}  ${entry.job.id.padEnd(idWidth)}  ${describeSchedule(entry.job)}${jitter}${more}`);
	}

	for (const entry of skipped) {
		lines.push(`  ${'skipped'.padEnd(timeWidth)}  ${entry.job.id.padEnd(idWidth)}  (${describeSchedule(entry.job)}: not on ${kind === 'exchange holiday' ? 'an' : 'a'} ${kind})`);
	}

	if (timeline.length === 0) {
		lines.push('  nothing fires on this day');
	}

	process.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}
