/**
 * Schedules worked out ahead of a reload, a slice at a time with fires let through between slices: a
 * jobs.yaml of thousands of jobs is applied without holding the scheduler's thread for longer than a
 * slice, so an every-second job keeps its seconds. The reload that follows takes each job's schedule, and
 * the next fire time found for it unless a fire since made it stale (JobSlot.advance checks).
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';
import {describeSchedule} from '../core/triggers/describe-schedule.js';
import {jobSchedule} from '../core/triggers/job-schedule.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {inSlices} from './in-slices.js';
import type {JobState} from './ports.js';

/** The next fire time after `from`, found ahead (`undefined`: none ever). */
export type FireProbe = {from: number; next: number | undefined};

export type PreparedSchedule = {
	readonly schedule: Schedule;
	readonly scheduleText: string;
	/** Where an interval counts from: the kept anchor, or the time it was prepared for a new interval. */
	readonly intervalAnchor: number;
	readonly probe: FireProbe;
};

/** The schedules of one config's jobs, for the calendar they were worked out with. */
export type PreparedSchedules = {readonly calendar: TradingCalendar; readonly byJob: ReadonlyMap<JobDefinition, PreparedSchedule>};

/**
 * Builds each job's schedule and finds its next fire time from what is known now (`lastFireAt`: the
 * slot that fires it today, else history), yielding to the event loop every few milliseconds.
 */
export async function prepareSchedules(
	jobs: readonly JobDefinition[],
	calendar: TradingCalendar,
	states: ReadonlyMap<string, JobState>,
	lastFireAt: (jobId: string) => number | undefined,
	now: () => number,
): Promise<PreparedSchedules> {
	const byJob = new Map<JobDefinition, PreparedSchedule>();
	await inSlices(jobs, job => {
		const at = now();
		const state = states.get(job.id);
		const intervalAnchor = state?.intervalAnchor ?? at;
		const schedule = jobSchedule(job, calendar, new Date(intervalAnchor));
		const from = Math.max(at, lastFireAt(job.id) ?? state?.lastFireAt ?? at);
		byJob.set(job, {schedule, scheduleText: describeSchedule(job), intervalAnchor, probe: {from, next: schedule.next(new Date(from))?.getTime()}});
	});

	return {calendar, byJob};
}
