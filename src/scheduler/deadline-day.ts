/** A job's `deadline` on one day, in the job's time zone. */
import type {JobDefinition} from '../core/job-definition.js';
import {zonedInstant} from '../time/zoned-time.js';

/** `day`: YYYY-MM-DD in the job's zone; `at`: the deadline's instant; `dayStart`: that day's midnight. */
export type Deadline = {day: string; at: number; dayStart: number};

export function deadlineOn(job: JobDefinition, day: string): Deadline {
	const minute = job.deadlineMinute!;
	return {day, at: zonedInstant(day, job.timezone, Math.floor(minute / 60), minute % 60).getTime(), dayStart: zonedInstant(day, job.timezone).getTime()};
}

/** The deadline as jobs.yaml gives it (`17:30`), a time in the job's zone. */
export function deadlineClock(job: JobDefinition): string {
	const minute = job.deadlineMinute!;
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
