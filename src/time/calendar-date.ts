import {daysInMonth, wallOf} from './civil-calendar.js';

const isoDay = /^(\d{4})-(\d\d)-(\d\d)$/;
const isoPrefix = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?/;

const monthName = (month: number) => new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', {month: 'long', timeZone: 'UTC'});

/**
 * Why `text` is not a calendar date written `YYYY-MM-DD` ("2026-02-30 is not a date: February 2026 has
 * 28 days"), or undefined when it is one. `Date.parse` rolls February 30th over into March and would
 * run, plan or list the wrong day: every day given on a command line, in a request or in the console
 * is checked here.
 */
export function calendarDateProblem(text: string): string | undefined {
	const match = isoDay.exec(text);
	if (!match) {
		return `"${text}" is not a date (YYYY-MM-DD)`;
	}

	return fieldsProblem(text, Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An ISO-8601 date-time or date as epoch milliseconds, or why it is not one. The date (and time, when
 * given) must exist: `2026-02-30T10:00:00+08:00` is refused, not read as March 2nd.
 */
export function parseInstantText(text: string): {ok: true; ms: number} | {ok: false; message: string} {
	const match = isoPrefix.exec(text);
	const ms = Date.parse(text);
	if (!match || Number.isNaN(ms)) {
		return {ok: false, message: `"${text}" is not an ISO-8601 date-time (e.g. 2026-09-30T17:00:00+08:00)`};
	}

	const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
	const problem = fieldsProblem(text, Number(y), Number(mo), Number(d));
	if (problem) {
		return {ok: false, message: problem};
	}

	if (wallOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)) === undefined) {
		return {ok: false, message: `${text} is not a time of day: ${h}:${mi}:${s} does not exist`};
	}

	return {ok: true, ms};
}

function fieldsProblem(text: string, year: number, month: number, day: number): string | undefined {
	if (month < 1 || month > 12) {
		return `${text} is not a date: there is no month ${month}`;
	}

	const days = daysInMonth(year, month);
	if (day < 1 || day > days) {
		return `${text} is not a date: ${monthName(month)} ${year} has ${days} days`;
	}

	return undefined;
}
