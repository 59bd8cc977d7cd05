import type {TriggerSpec} from '../job-definition.js';
import {apsWallMatcher} from './aps-matcher.js';
import {boundedSchedule} from './bounded-schedule.js';
import {cronWallMatcher} from './cron-matcher.js';
import {isFixedTimeFields, isFixedTimePattern} from './fixed-time.js';
import type {Schedule} from './schedule.js';
import {wallClockSchedule} from './wall-clock-schedule.js';

export type {Schedule} from './schedule.js';

function cronSchedule(trigger: Extract<TriggerSpec, {kind: 'cron'}>, timeZone: string): Schedule {
	const matcher = trigger.aps ? apsWallMatcher(trigger.aps) : cronWallMatcher(trigger.pattern, trigger.andDays);
	const fixedTime = trigger.fixedTime ?? (trigger.aps ? isFixedTimeFields({}, trigger.aps) : isFixedTimePattern(trigger.pattern));
	return wallClockSchedule(matcher, timeZone, fixedTime ? 'first' : 'both');
}

/** Every `everyMs` from the anchor, in absolute time: DST changes the clock face, not the interval (as APScheduler). */
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
 * The trigger's own fire times, before trading-calendar filters, within its `start_date` and `end_date`.
 * `intervalAnchor` is where an interval without `start_date` counts from (kept in the store across restarts).
 */
export function baseSchedule(trigger: TriggerSpec, timeZone: string, intervalAnchor: Date): Schedule {
	switch (trigger.kind) {
		case 'cron': {
			return boundedSchedule(cronSchedule(trigger, timeZone), trigger.startDate, trigger.endDate);
		}

		case 'interval': {
			// The start is the anchor, and the anchor is the first fire: bounding by it again changes nothing.
			return boundedSchedule(intervalSchedule(trigger.everyMs, trigger.startDate ?? intervalAnchor), undefined, trigger.endDate);
		}

		case 'date': {
			return {next: after => (trigger.runDate.getTime() > after.getTime() ? trigger.runDate : undefined)};
		}

		case 'none': {
			return {next: () => undefined};
		}
	}
}
