import type {Schedule} from './schedule.js';

/**
 * A schedule kept within `start_date` and `end_date`, both inclusive (APScheduler 3's CronTrigger and
 * IntervalTrigger): the first fire is the schedule's first at or after `start`, and nothing fires after
 * `end`, so past `end` the schedule has no fire time left ("never fires again").
 */
export function boundedSchedule(schedule: Schedule, start: Date | undefined, end: Date | undefined): Schedule {
	if (!start && !end) {
		return schedule;
	}

	const startMs = start?.getTime() ?? Number.NEGATIVE_INFINITY;
	const endMs = end?.getTime() ?? Number.POSITIVE_INFINITY;
	return {
		next(after) {
			if (after.getTime() >= endMs) {
				return undefined;
			}

			// At or after the start: a fire time equal to it counts.
			const next = schedule.next(after.getTime() < startMs ? new Date(startMs - 1) : after);
			return next && next.getTime() <= endMs ? next : undefined;
		},
	};
}
