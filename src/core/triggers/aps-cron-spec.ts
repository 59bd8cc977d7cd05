/**
 * APScheduler CronTrigger fields, parsed into the values each one allows (src/config/aps-cron-fields.ts
 * builds it). Plain arrays, so a job definition crosses threads and JSON unchanged.
 */

/** The `day` field: days of the month, `last`, and weekday positions (`2nd fri`, `last mon`), any mix. */
export type ApsDaySpec = {
	/** `*`: every day of the month. */
	all: boolean;
	/** Days 1-31; a day past the month's end is skipped in that month. */
	numbers: readonly number[];
	/** `last`: the month's last day. */
	last: boolean;
	/** `2nd fri` = {weekday: 4, ordinal: 2}; `last fri` = ordinal -1. Weekday 0 = Monday. */
	positions: ReadonlyArray<{weekday: number; ordinal: number}>;
};

export type ApsCronSpec = {
	/** Sorted; within the schedule year range. */
	years: readonly number[];
	/** Sorted, 1-12. */
	months: readonly number[];
	days: ApsDaySpec;
	/** ISO weeks 1-53, sorted; undefined for `*`. */
	weeks?: readonly number[];
	/** 0 = Monday … 6 = Sunday, sorted. */
	weekdays: readonly number[];
	hours: readonly number[];
	minutes: readonly number[];
	seconds: readonly number[];
};
