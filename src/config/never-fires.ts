import type {TradingCalendar} from '../market/trading-calendar.js';
import type {JobDefinition, TriggerSpec} from '../core/job-definition.js';
import type {ApsCronSpec} from '../core/triggers/aps-cron-spec.js';
import {baseSchedule} from '../core/triggers/base-schedule.js';
import {jobSchedule} from '../core/triggers/job-schedule.js';
import {daysInMonth, scheduleYears, wallRangeStart} from '../time/civil-calendar.js';
import {formatZonedIso, zonedParts} from '../time/zoned-time.js';
import type {MapReader} from './map-reader.js';

/** Why APScheduler fields never match, at the field to blame when one is plainly to blame. */
function apsNeverCause(spec: ApsCronSpec, job: MapReader, thisYear: number, matchesEver: boolean): [string, string] {
	if (spec.years.every(year => year < thisYear)) {
		return ['year', `never fires: ${spec.years.length === 1 ? `year ${spec.years[0]} is` : 'every year it allows is'} past`];
	}

	const days = spec.days;
	if (!matchesEver && !days.all && !days.last && days.positions.length === 0) {
		const longest = Math.max(...spec.months.map(month => daysInMonth(2000, month)));
		if (days.numbers.every(day => day > longest)) {
			return ['day', `never fires: no month it allows (month ${String(job.value('month') ?? '*')}) has day ${days.numbers[0]}`];
		}
	}

	return matchesEver
		? ['trigger', 'never fires: these fields match no time from now on']
		: ['trigger', `never fires: no date in ${scheduleYears.first}-${scheduleYears.last} matches all of these fields together`];
}

/**
 * When `start_date` or `end_date` is what leaves no fire time (the schedule alone still has one), the
 * warning at it: past its end_date, a job never fires again (APScheduler: its trigger returns None).
 */
function boundCause(trigger: TriggerSpec, timeZone: string, now: number, from: Date): [string, string] | undefined {
	if (trigger.kind !== 'cron' && trigger.kind !== 'interval') {
		return undefined;
	}

	const iso = (instant: Date) => formatZonedIso(instant, timeZone);
	const end = trigger.endDate;
	const withoutEnd = end && baseSchedule({...trigger, endDate: undefined}, timeZone, new Date(now)).next(from);
	if (end && withoutEnd) {
		return end.getTime() < now
			? ['end_date', `never fires again: end_date ${iso(end)} has passed`]
			: ['end_date', `never fires: its next fire time, ${iso(withoutEnd)}, is after end_date ${iso(end)}`];
	}

	const start = trigger.kind === 'cron' ? trigger.startDate : undefined;
	if (start && baseSchedule({...trigger, startDate: undefined, endDate: undefined}, timeZone, new Date(now)).next(from)) {
		return ['start_date', `never fires: its fields match no time at or after start_date ${iso(start)}`];
	}

	return undefined;
}

function filterWords(definition: JobDefinition): string {
	const words: string[] = [];
	if (definition.calendar) {
		words.push(definition.calendar === 'trading-days' ? 'on a trading day' : 'on a non-trading day');
	}

	if (definition.tradingDayOfMonth !== undefined) {
		words.push(`on the ${definition.tradingDayOfMonth === 1 ? 'first' : 'last'} trading day of a month`);
	}

	if (definition.tradingDayOfWeek !== undefined) {
		words.push(`on the ${definition.tradingDayOfWeek === 1 ? 'first' : 'last'} trading day of a week`);
	}

	if (definition.windows) {
		words.push('inside its window');
	}

	return words.join(' and ');
}

/**
 * Warns, at the key to blame, when a job's schedule has no fire time from `now` on (a past run_date,
 * end_date or year, day 31 of February, Saturdays on trading days only). The proof is the schedule's
 * own bounded search: through 2199 for the trigger; for the calendar and windows, the shipped trading
 * calendar.
 * @returns whether the job never fires
 */
export function warnIfNeverFires(job: MapReader, definition: JobDefinition, now: number, calendar: () => TradingCalendar): boolean {
	const trigger = definition.trigger;
	if (trigger.kind === 'none') {
		return false;
	}

	const from = new Date(now - 1);
	if (!baseSchedule(trigger, definition.timezone, new Date(now)).next(from)) {
		const bound = boundCause(trigger, definition.timezone, now, from);
		if (bound) {
			job.warn(...bound);
		} else if (trigger.kind === 'date') {
			job.warn('run_date', `never fires: run_date ${formatZonedIso(trigger.runDate, definition.timezone)} is in the past`);
		} else if (trigger.kind === 'cron' && trigger.aps) {
			const matchesEver = baseSchedule(trigger, definition.timezone, new Date(now)).next(new Date(wallRangeStart - 86_400_000)) !== undefined;
			const [key, message] = apsNeverCause(trigger.aps, job, zonedParts(now, definition.timezone).year, matchesEver);
			job.warn(key, message);
		} else if (trigger.kind === 'cron') {
			job.warn('cron', `never fires: "${trigger.pattern}" matches no date in ${scheduleYears.first}-${scheduleYears.last}`);
		}

		return true;
	}

	const filtered = definition.calendar !== undefined || definition.windows !== undefined
		|| definition.tradingDayOfMonth !== undefined || definition.tradingDayOfWeek !== undefined;
	if (filtered && !jobSchedule(definition, calendar(), new Date(now)).next(from)) {
		const key = ['calendar', 'trading_day_of_month', 'trading_day_of_week', 'window'].find(name => job.has(name)) ?? 'calendar';
		const until = trigger.kind === 'date' || trigger.endDate === undefined ? '' : ` before end_date ${formatZonedIso(trigger.endDate, definition.timezone)}`;
		job.warn(key, `never fires: none of its fire times${until} falls ${filterWords(definition)}`);
		return true;
	}

	return false;
}
