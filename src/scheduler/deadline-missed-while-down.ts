/**
 * A deadline that passed while no scheduler ran (a box powered off over the close, a scheduler stopped
 * for a deploy that took too long) is told by the next start, as the running scheduler would have told
 * it at the deadline: only the time after the last look the scheduler before took at the deadlines
 * (kept in the database) counts, so a deadline that one judged — told, or not due because the job was
 * paused then — is not judged again.
 */
import type {JobDefinition} from '../core/job-definition.js';
import {addDays, zonedDate} from '../time/zoned-time.js';
import {deadlineOn, type Deadline} from './deadline-day.js';

export type MissedWhileDownChecks = {
	/** The job was due that day (enabled, not paused, its schedule fires before the deadline). */
	due(deadline: Deadline): boolean;
	/** A success that day or later, in history. */
	madeUp(day: string): boolean;
	/** Told already (before this start: kept in the database). */
	told(day: string): boolean;
};

/**
 * The job's newest deadline (today's, else yesterday's, as the running watch looks back) that passed
 * after `watchedUpTo` and by `now`, was due, and is neither made up nor told; none when nothing is owed.
 * An older one is left untold: the newer one stands for it, and its success makes both up.
 */
export function deadlineMissedWhileDown(job: JobDefinition, now: number, watchedUpTo: number, checks: MissedWhileDownChecks): Deadline | undefined {
	const today = zonedDate(now, job.timezone);
	for (const day of [today, addDays(today, -1)]) {
		const deadline = deadlineOn(job, day);
		if (deadline.at > now || deadline.at <= watchedUpTo || !checks.due(deadline)) {
			continue;
		}

		return checks.madeUp(day) || checks.told(day) ? undefined : deadline;
	}

	return undefined;
}
