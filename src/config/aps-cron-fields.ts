/**
 * APScheduler CronTrigger fields → the values each allows (src/core/triggers/aps-cron-spec.ts), with
 * APScheduler 3's exact meaning (apscheduler/triggers/cron/fields.py and expressions.py): `day_of_week`
 * 0 = Monday (or mon..sun); every field must match, so `day` and `day_of_week` combine with AND; `week`
 * is the ISO week; fields left out below the smallest given one default to their minimum, the others
 * to `*`. Where APScheduler silently ignores part of an expression (`mon-fri/2` runs every weekday
 * there), this refuses it instead and says what to write.
 */
import type {ApsCronSpec} from '../core/triggers/aps-cron-spec.js';
import {isFixedTimeFields} from '../core/triggers/fixed-time.js';
import {expandDay} from './aps-day-field.js';
import {displayPattern} from './aps-display-pattern.js';
import {expandField, FieldError} from './aps-field-expression.js';
import {apsFieldNames, type ApsField, type ApsFields} from './aps-field-names.js';


export type ApsTranslation =
	| {ok: true; spec: ApsCronSpec; fixedTime: boolean; pattern: string; isoWeeks?: Set<number>}
	| {ok: false; field: ApsField; message: string};

/** APScheduler: DEFAULT_VALUES, used for the fields below the smallest given one. */
const defaultValues: Record<ApsField, string> = {
	year: '*', month: '1', day: '1', week: '*', day_of_week: '*', hour: '0', minute: '0', second: '0',
};

/** The fields as written in jobs.yaml → the values each allows, or the first field that is wrong and why. */
export function translateApsFields(given: ApsFields): ApsTranslation {
	const written = {} as Record<ApsField, string>;
	const givenNames = apsFieldNames.filter(name => given[name] !== undefined);
	const smallestGiven = givenNames.at(-1);
	let passedSmallest = false;
	for (const name of apsFieldNames) {
		const value = given[name];
		written[name] = value === undefined ? (passedSmallest ? defaultValues[name] : '*') : String(value).trim().toLowerCase();
		if (name === smallestGiven) {
			passedSmallest = true;
		}
	}

	let current: ApsField = 'year';
	try {
		const field = (name: ApsField) => {
			current = name;
			return expandField(name, written[name]);
		};

		const years = field('year');
		const months = field('month');
		current = 'day';
		const days = expandDay(written.day);
		current = 'week';
		const weeks = written.week === '*' ? undefined : field('week');
		const weekdays = field('day_of_week');
		const spec: ApsCronSpec = {years, months, days, weeks, weekdays, hours: field('hour'), minutes: field('minute'), seconds: field('second')};
		const fixedTime = isFixedTimeFields({hour: written.hour, minute: written.minute, second: written.second}, spec);
		const pattern = displayPattern(spec, written);
		return weeks ? {ok: true, spec, fixedTime, pattern, isoWeeks: new Set(weeks)} : {ok: true, spec, fixedTime, pattern};
	} catch (error) {
		if (error instanceof FieldError) {
			return {ok: false, field: current, message: error.message};
		}

		throw error;
	}
}
