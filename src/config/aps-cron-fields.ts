/**
 * APScheduler CronTrigger fields → the values each allows (src/core/triggers/aps-cron-spec.ts), with
 * APScheduler 3's exact meaning (apscheduler/triggers/cron/fields.py and expressions.py): `day_of_week`
 * 0 = Monday (or mon..sun); every field must match, so `day` and `day_of_week` combine with AND; `week`
 * is the ISO week; fields left out below the smallest given one default to their minimum, the others
 * to `*`. Where APScheduler silently ignores part of an expression (`mon-fri/2` runs every weekday
 * there), this refuses it instead and says what to write.
 */
import type {ApsCronSpec, ApsDaySpec} from '../core/triggers/aps-cron-spec.js';
import {isFixedTimeFields} from '../core/triggers/fixed-time.js';
import {scheduleYears} from '../time/civil-calendar.js';

export const apsFieldNames = ['year', 'month', 'day', 'week', 'day_of_week', 'hour', 'minute', 'second'] as const;
export type ApsField = (typeof apsFieldNames)[number];
export type ApsFields = Partial<Record<ApsField, string | number>>;

export type ApsTranslation =
	| {ok: true; spec: ApsCronSpec; fixedTime: boolean; pattern: string; isoWeeks?: Set<number>}
	| {ok: false; field: ApsField; message: string};

/** APScheduler's MIN_VALUES / MAX_VALUES, except `year`, which stops at the schedule years' end. */
const bounds: Record<ApsField, [number, number]> = {
	year: [scheduleYears.first, scheduleYears.last],
	month: [1, 12],
	day: [1, 31],
	week: [1, 53],
	day_of_week: [0, 6],
	hour: [0, 23],
	minute: [0, 59],
	second: [0, 59],
};

/** APScheduler: DEFAULT_VALUES, used for the fields below the smallest given one. */
const defaultValues: Record<ApsField, string> = {
	year: '*', month: '1', day: '1', week: '*', day_of_week: '*', hour: '0', minute: '0', second: '0',
};

const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const positionNames = ['1st', '2nd', '3rd', '4th', '5th'];

class FieldError extends Error {
	override name = 'FieldError';
}

const range = (field: ApsField) => `${bounds[field][0]}-${bounds[field][1]}`;

function checkValue(field: ApsField, value: number, term: string): number {
	const [min, max] = bounds[field];
	if (value < min || value > max) {
		const why = field === 'year' ? ', the years schedules cover' : '';
		throw new FieldError(`${field} ${value} in "${term}" is outside ${range(field)}${why}`);
	}

	return value;
}

function stepOf(field: ApsField, text: string | undefined, span: number, term: string): number {
	if (text === undefined) {
		return 1;
	}

	const step = Number(text);
	if (step < 1) {
		throw new FieldError(`the step in "${term}" must be at least 1`);
	}

	// APScheduler: "the step value is higher than the total range of the expression".
	if (step > span) {
		throw new FieldError(`the step ${step} in "${term}" is larger than the ${field} range it steps through (${span})`);
	}

	return step;
}

/** A named value or range: `mon`, `mon-fri`, `jan-mar`. APScheduler takes no step after names. */
function namedTerm(field: ApsField, term: string, names: readonly string[], offset: number, values: Set<number>): boolean {
	const match = /^([a-z]+)(?:-([a-z]+))?(.*)$/.exec(term);
	if (!match || /^\d/.test(term)) {
		return false;
	}

	const [, first = '', last, rest = ''] = match;
	const index = (name: string) => {
		const found = names.indexOf(name);
		if (found === -1) {
			throw new FieldError(`"${name}"${name === term ? '' : ` in "${term}"`} is not a ${field === 'month' ? 'month' : 'weekday'} name (${names.join(', ')})`);
		}

		return found + offset;
	};

	const from = index(first);
	const to = last === undefined ? from : index(last);
	if (rest !== '') {
		const numeric = `${from}${to === from ? '' : `-${to}`}${rest}`;
		throw new FieldError(`"${term}": APScheduler 3 ignores "${rest}" after a ${field === 'month' ? 'month' : 'weekday'} name, so it would mean "${first}${last ? `-${last}` : ''}" there; write "${numeric}" or list the values`);
	}

	if (to < from) {
		throw new FieldError(`range "${term}" runs backwards`);
	}

	for (let value = from; value <= to; value++) {
		values.add(value);
	}

	return true;
}

/** One comma-separated item: `*`, `a` or `a-b`, each with an optional step `/n` (APScheduler's AllExpression and RangeExpression). */
function numericTerm(field: ApsField, term: string, values: Set<number>): boolean {
	const [min, max] = bounds[field];
	const all = /^\*(?:\/(\d+))?$/.exec(term);
	if (all) {
		const step = stepOf(field, all[1], max - min, term);
		for (let value = min; value <= max; value += step) {
			values.add(value);
		}

		return true;
	}

	const ranged = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(term);
	if (!ranged) {
		return false;
	}

	const first = checkValue(field, Number(ranged[1]), term);
	const last = ranged[2] === undefined ? (ranged[3] === undefined ? first : undefined) : checkValue(field, Number(ranged[2]), term);
	if (last !== undefined && last < first) {
		throw new FieldError(`range "${term}" runs backwards`);
	}

	// APScheduler: `(self.last or MAX) - self.first`.
	const step = stepOf(field, ranged[3], (last || max) - first, term);
	for (let value = first; value <= (last ?? max); value += step) {
		values.add(value);
	}

	return true;
}

function terms(field: ApsField, expression: string): string[] {
	const items = expression.split(/ *, */);
	if (items.some(item => item === '')) {
		throw new FieldError(`${field} "${expression}" has an empty item: a comma with nothing ${items[0] === '' ? 'before' : 'after'} it`);
	}

	return items;
}

function expand(field: ApsField, expression: string): number[] {
	const values = new Set<number>();
	for (const term of terms(field, expression)) {
		const known = numericTerm(field, term, values)
			|| (field === 'month' && namedTerm(field, term, monthNames, 1, values))
			|| (field === 'day_of_week' && namedTerm(field, term, weekdayNames, 0, values));
		if (!known) {
			throw new FieldError(`"${term}" is not a ${field} expression (${describeSyntax(field)})`);
		}
	}

	return [...values].sort((a, b) => a - b);
}

function describeSyntax(field: ApsField): string {
	const base = `a value ${range(field)}, a-b, */n, a-b/n or a list`;
	if (field === 'month') {
		return `${base}; or jan..dec, jan-mar`;
	}

	if (field === 'day_of_week') {
		return `${base}, 0 = Monday; or mon..sun, mon-fri`;
	}

	if (field === 'day') {
		return `${base}; or last, 1st..5th or last with a weekday name ("2nd fri")`;
	}

	return base;
}

/** The `day` field also takes `last`, `last fri` and `2nd mon`, mixed freely with numbers (a union). */
function expandDay(expression: string): ApsDaySpec {
	if (expression === '*') {
		return {all: true, numbers: [], last: false, positions: []};
	}

	const numbers = new Set<number>();
	const positions: Array<{weekday: number; ordinal: number}> = [];
	let last = false;
	let all = false;
	for (const term of terms('day', expression)) {
		const position = /^(1st|2nd|3rd|4th|5th|last) +([a-z]+)$/.exec(term);
		if (position) {
			const weekday = weekdayNames.indexOf(position[2]!);
			if (weekday === -1) {
				throw new FieldError(`"${position[2]}" in "${term}" is not a weekday name (${weekdayNames.join(', ')})`);
			}

			positions.push({weekday, ordinal: position[1] === 'last' ? -1 : positionNames.indexOf(position[1]!) + 1});
		} else if (term === 'last') {
			last = true;
		} else if (term === '*') {
			all = true;
		} else if (!numericTerm('day', term, numbers)) {
			throw new FieldError(`"${term}" is not a day expression (${describeSyntax('day')})`);
		}
	}

	return {all, numbers: [...numbers].sort((a, b) => a - b), last, positions};
}

/** A 6/7-field croner-style pattern that describes the spec for src/core/triggers/describe-schedule.ts. */
function displayPattern(spec: ApsCronSpec, written: Record<ApsField, string>): string {
	const list = (field: ApsField, values: readonly number[]) => (written[field] === '*' ? '*' : values.join(','));
	const day = spec.days;
	let dom = 'x';
	if (day.all) {
		dom = '*';
	} else if (day.positions.length === 0 && !day.last) {
		dom = day.numbers.join(',');
	} else if (day.positions.length === 0 && day.numbers.length === 0) {
		dom = 'L';
	}

	const dow = written.day_of_week === '*' ? '*' : spec.weekdays.map(d => (d + 1) % 7).join(',');
	return `${list('second', spec.seconds)} ${list('minute', spec.minutes)} ${list('hour', spec.hours)} ${dom} ${list('month', spec.months)} ${dow} ${list('year', spec.years)}`;
}

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
			return expand(name, written[name]);
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
