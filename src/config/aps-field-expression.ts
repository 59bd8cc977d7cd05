/**
 * One APScheduler field's expression → its values (apscheduler/triggers/cron/expressions.py): numbers,
 * ranges and steps, and month and weekday names; what cannot be read throws FieldError.
 */
import {scheduleYears} from '../time/civil-calendar.js';
import type {ApsField} from './aps-field-names.js';

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

export const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A field that cannot be read: its message says what is wrong and what to write. */
export class FieldError extends Error {
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

/**
 * What to write instead of a name followed by what APScheduler ignores: a step (`mon-fri/2`) in numbers
 * (`0-4/2`); anything else (`mon - fri`, `mon–fri` with an en dash, `mon fri`) is no step to keep.
 */
function namedTermAdvice(field: ApsField, from: number, to: number, rest: string): string {
	if (/^\/\d+$/.test(rest)) {
		return `write "${from}${to === from ? '' : `-${to}`}${rest}" or list the values`;
	}

	const [range, list] = field === 'month' ? ['jan-mar', 'jan,apr,jul'] : ['mon-fri', 'mon,wed,fri'];
	return `write one name, two joined by "-" with no spaces ("${range}"), or a list ("${list}")`;
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
		throw new FieldError(`"${term}": APScheduler 3 ignores "${rest}" after a ${field === 'month' ? 'month' : 'weekday'} name, so it would mean "${first}${last ? `-${last}` : ''}" there; ${namedTermAdvice(field, from, to, rest)}`);
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
export function numericTerm(field: ApsField, term: string, values: Set<number>): boolean {
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

export function terms(field: ApsField, expression: string): string[] {
	const items = expression.split(/ *, */);
	if (items.some(item => item === '')) {
		throw new FieldError(`${field} "${expression}" has an empty item: a comma with nothing ${items[0] === '' ? 'before' : 'after'} it`);
	}

	return items;
}

export function expandField(field: ApsField, expression: string): number[] {
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

export function describeSyntax(field: ApsField): string {
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
