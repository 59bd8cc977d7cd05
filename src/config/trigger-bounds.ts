/**
 * `start_date`, `end_date` and `jitter` of a cron or interval trigger, as APScheduler 3's CronTrigger and
 * IntervalTrigger take them; dates in the forms and the job zone `run_date` takes (date-time-text.ts).
 */
import type {TriggerBounds} from '../core/job-definition.js';
import {formatZonedIso} from '../time/zoned-time.js';
import {parseDateTime} from './date-time-text.js';
import type {MapReader} from './map-reader.js';

export const boundKeys = ['start_date', 'end_date', 'jitter'] as const;

type DateKey = 'start_date' | 'end_date' | 'run_date';

const verbs = {start_date: 'starts at', end_date: 'ends at', run_date: 'fires at'} as const;

/**
 * A date-time key of the job, checked as a calendar date in the job's zone; a DST note becomes a warning.
 * `startFires`: the instant is itself a fire (an interval's start_date), not only a bound.
 */
export function readDateTime(job: MapReader, key: DateKey, timeZone: string, startFires = false): Date | undefined {
	const text = job.string(key);
	if (text === undefined) {
		return undefined;
	}

	const parsed = parseDateTime(text, timeZone, startFires ? 'fires at' : verbs[key]);
	if (!parsed.ok) {
		job.report(key, `${key} ${parsed.message}`);
		return undefined;
	}

	if (parsed.note) {
		job.warn(key, `${key} ${parsed.note}`);
	}

	return parsed.instant;
}

/** `jitter: N`: seconds, 0 or more, a fraction allowed (APScheduler: `random.uniform(0, jitter)`). */
function readJitter(job: MapReader): number | undefined | false {
	const value = job.value('jitter');
	if (value === undefined) {
		return undefined;
	}

	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		const hint = typeof value === 'string' && /^\d/.test(value) ? ' (a bare number of seconds, as APScheduler takes it)' : '';
		job.report('jitter', `jitter must be a number of seconds, 0 or more, not ${JSON.stringify(value)}${hint}`);
		return false;
	}

	return Math.round(value * 1000);
}

/**
 * The bounds of a cron or interval trigger; undefined after reporting a problem. An `end_date` before
 * the `start_date` is refused with both named: such a job could never fire.
 * `startFires`: an interval's start_date is its first fire, a cron's only a bound.
 */
export function readTriggerBounds(job: MapReader, timeZone: string, startFires: boolean): TriggerBounds | undefined {
	const start = job.has('start_date') ? readDateTime(job, 'start_date', timeZone, startFires) : undefined;
	const end = job.has('end_date') ? readDateTime(job, 'end_date', timeZone) : undefined;
	const jitterMs = readJitter(job);
	const backwards = start !== undefined && end !== undefined && end.getTime() < start.getTime();
	if (backwards) {
		job.report('end_date', `end_date ${job.string('end_date')} (${formatZonedIso(end, timeZone)}) is before start_date ${job.string('start_date')} (${formatZonedIso(start, timeZone)}): the job could never fire`);
	}

	if (backwards || (job.has('start_date') && !start) || (job.has('end_date') && !end) || jitterMs === false) {
		return undefined;
	}

	return {
		...(start ? {startDate: start} : {}),
		...(end ? {endDate: end} : {}),
		...(jitterMs ? {jitterMs} : {}),
	};
}
