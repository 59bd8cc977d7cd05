/**
 * Whether a job with a `deadline` was due on a day — its schedule, calendar included, fires that day
 * before the deadline — and the next deadline it is due by. Holidays need no rule of their own: a
 * trading-days schedule has no fire on them.
 */
import {addDays, zonedDate} from '../time/zoned-time.js';
import {deadlineOn, type Deadline} from './deadline-day.js';
import type {WatchDeps, WatchedJob} from './watch-ports.js';

/** How far ahead a job's next due day is looked for before sleeping on it. */
const lookAheadDays = 10;

/** The scheduler's jobs and its pause, as they are now. */
export type DueLookup = Pick<WatchDeps, 'job' | 'schedulerPaused'>;

/**
 * The job was due that day: enabled, not paused, and its schedule fires that day before the deadline.
 * A job with no schedule of its own (`after:`) is due when one of the jobs it follows is.
 */
export function dueOn(watched: WatchedJob, deadline: Deadline, jobs: DueLookup, seen = new Set<string>()): boolean {
	const {job} = watched;
	if (!job.enabled || watched.paused || jobs.schedulerPaused() || seen.has(job.id)) {
		return false;
	}

	seen.add(job.id);
	if (job.trigger.kind === 'none') {
		return job.after.some(parent => {
			const parentJob = jobs.job(parent);
			return parentJob !== undefined && dueOn(parentJob, deadline, jobs, seen);
		});
	}

	const next = watched.schedule.next(new Date(deadline.dayStart - 1));
	return next !== undefined && next.getTime() < deadline.at;
}

/** The job's first deadline after `after` that it is due by; none within the days looked ahead. */
export function nextDeadline(watched: WatchedJob, after: number, jobs: DueLookup): Deadline | undefined {
	const today = zonedDate(after, watched.job.timezone);
	for (let i = 0; i < lookAheadDays; i++) {
		const deadline = deadlineOn(watched.job, addDays(today, i));
		if (deadline.at > after && dueOn(watched, deadline, jobs)) {
			return deadline;
		}
	}

	return undefined;
}
