import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';
import {describeSchedule} from '../core/triggers/describe-schedule.js';
import {jobSchedule} from '../core/triggers/job-schedule.js';
import type {TradingCalendar} from '../market/trading-calendar.js';

/** A job as the scheduler holds it: its definition, its schedule and its cached next fire time. */
export class JobSlot {
	readonly schedule: Schedule;
	readonly scheduleText: string;
	nextFireAt: number | undefined;
	/** The last fire not run for coming later than the job's `misfire_grace` (a frozen box, a clock step), as `show JOB` tells it. */
	lastTooLate: {scheduledAt: number; lateMs: number} | undefined;

	constructor(
		readonly job: JobDefinition,
		calendar: TradingCalendar,
		readonly intervalAnchor: number,
		public paused: boolean,
		public lastFireAt: number | undefined,
	) {
		this.schedule = jobSchedule(job, calendar, new Date(intervalAnchor));
		this.scheduleText = describeSchedule(job);
	}

	/** Enabled and not paused: its schedule fires it. */
	get active(): boolean {
		return this.job.enabled && !this.paused;
	}

	/** Recomputes the next fire time strictly after `after` (and after the last fire, so nothing fires twice). */
	advance(after: number): void {
		const from = Math.max(after, this.lastFireAt ?? Number.NEGATIVE_INFINITY);
		this.nextFireAt = this.schedule.next(new Date(from))?.getTime();
	}
}
