import {Cron} from 'croner';
import {fixedOffsetMinutes, zonedParts} from '../../time/zoned-time.js';
import type {TriggerSpec} from '../job-definition.js';

/** Gives the next fire time strictly after an instant, or undefined when there is none. */
export type Schedule = {
	next(after: Date): Date | undefined;
};

function isoWeek(instant: Date, timeZone: string): number {
	const p = zonedParts(instant, timeZone);
	const day = new Date(Date.UTC(p.year, p.month - 1, p.day));
	day.setUTCDate(day.getUTCDate() - p.weekday + 3);
	const firstThursday = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
	const firstThursdayWeekday = (firstThursday.getUTCDay() + 6) % 7;
	return 1 + Math.round((((day.getTime() - firstThursday.getTime()) / 86_400_000) - 3 + firstThursdayWeekday) / 7);
}

function cronSchedule(trigger: Extract<TriggerSpec, {kind: 'cron'}>, timeZone: string): Schedule {
	// croner asks Intl on every nextRun when given a zone (~460 µs here); a fixed offset is ~10 µs.
	const offset = fixedOffsetMinutes(timeZone);
	const cron = new Cron(trigger.pattern, offset === undefined ? {timezone: timeZone, domAndDow: trigger.andDays} : {utcOffset: offset, domAndDow: trigger.andDays});
	const weeks = trigger.isoWeeks;
	return {
		next(after) {
			let candidate = cron.nextRun(after) ?? undefined;
			// APScheduler's `week` field has no croner counterpart: filter, skipping a day at a time.
			for (let guard = 0; weeks && candidate && guard < 2000; guard++) {
				if (weeks.has(isoWeek(candidate, timeZone))) {
					return candidate;
				}

				candidate = cron.nextRun(new Date(candidate.getTime() + 1)) ?? undefined;
			}

			return candidate;
		},
	};
}

function intervalSchedule(everyMs: number, anchor: Date): Schedule {
	return {
		next(after) {
			const anchorMs = anchor.getTime();
			if (after.getTime() < anchorMs) {
				return new Date(anchorMs);
			}

			const periods = Math.floor((after.getTime() - anchorMs) / everyMs) + 1;
			return new Date(anchorMs + (periods * everyMs));
		},
	};
}

/**
 * The trigger's own fire times, before trading-calendar filters.
 * `intervalAnchor` is where an interval without `start_date` counts from (kept in the store across restarts).
 */
export function baseSchedule(trigger: TriggerSpec, timeZone: string, intervalAnchor: Date): Schedule {
	switch (trigger.kind) {
		case 'cron': {
			return cronSchedule(trigger, timeZone);
		}

		case 'interval': {
			return intervalSchedule(trigger.everyMs, trigger.startDate ?? intervalAnchor);
		}

		case 'date': {
			return {next: after => (trigger.runDate.getTime() > after.getTime() ? trigger.runDate : undefined)};
		}

		case 'none': {
			return {next: () => undefined};
		}
	}
}
