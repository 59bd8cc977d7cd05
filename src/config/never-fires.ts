import type {TradingCalendar} from '../market/trading-calendar.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {ApsCronSpec} from '../core/triggers/aps-cron-spec.js';
import {baseSchedule} from '../core/triggers/base-schedule.js';
import {jobSchedule} from '../core/triggers/job-schedule.js';
import {daysInMonth, scheduleYears, wallRangeStart} from '../time/civil-calendar.js';
import {formatZonedIso, zonedParts} from '../time/zoned-time.js';
import type {MapReader} from './yaml-source.js';

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
 * Warns, at the key to blame, when a job's schedule has no fire time from `now` on (a past run_date or
 * year, day 31 of February, Saturdays on trading days only). The proof is the schedule's own bounded
 * search: through 2199 for the trigger; for the calendar and windows, the shipped trading calendar.
 * @returns whether the job never fires
 */
export function warnIfNeverFires(job: MapReader, definition: JobDefinition, now: number, calendar: () => TradingCalendar): boolean {
	const trigger = definition.trigger;
	if (trigger.kind === 'none') {
		return false;
	}

	const from = new Date(now - 1);
	if (!baseSchedule(trigger, definition.timezone, new Date(now)).next(from)) {
		if (trigger.kind === 'date') {
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
		job.warn(key, `never fires: none of its fire times falls ${filterWords(definition)}`);
		return true;
	}

	return false;
}
