import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';
import {describeSchedule} from '../core/triggers/describe-schedule.js';
import {jobSchedule} from '../core/triggers/job-schedule.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {FireProbe} from './prepared-schedules.js';

/** A job as the scheduler holds it: its definition, its schedule and its cached next fire time. */
export class JobSlot {
	readonly schedule: Schedule;
	readonly scheduleText: string;
	nextFireAt: number | undefined;
	/** The last fire not run for coming later than the job's `misfire_grace` (a frozen box, a clock step), as `show JOB` tells it. */
	lastTooLate: {scheduledAt: number; lateMs: number} | undefined;
	/**
	 * An operator paused or resumed the job while this scheduler runs (history keeps it, maybe not yet
	 * written): until one does, jobs.yaml's `paused:` says whether it is paused.
	 */
	pausedByOperator = false;

	constructor(
		readonly job: JobDefinition,
		calendar: TradingCalendar,
		readonly intervalAnchor: number,
		public paused: boolean,
		public lastFireAt: number | undefined,
		/** Its schedule worked out ahead (prepared-schedules.ts), for this calendar and anchor. */
		prepared?: {schedule: Schedule; scheduleText: string},
	) {
		this.schedule = prepared?.schedule ?? jobSchedule(job, calendar, new Date(intervalAnchor));
		this.scheduleText = prepared?.scheduleText ?? describeSchedule(job);
	}

	/** Enabled and not paused: its schedule fires it. */
	get active(): boolean {
		return this.job.enabled && !this.paused;
	}

	/**
	 * Recomputes the next fire time strictly after `after` (and after the last fire, so nothing fires
	 * twice). A `probe` found from no later a time still answers when its fire time is after this one's:
	 * no fire time lies between.
	 */
	advance(after: number, probe?: FireProbe): void {
		const from = Math.max(after, this.lastFireAt ?? Number.NEGATIVE_INFINITY);
		this.nextFireAt = probe && probe.from <= from && (probe.next === undefined || probe.next > from) ? probe.next : this.schedule.next(new Date(from))?.getTime();
	}
}
