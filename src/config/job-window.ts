import {continuousSessions} from '../market/market-session.js';
import type {TimeWindow} from '../core/job-definition.js';

const hhmm = /^(\d{1,2}):(\d\d)$/;

function minuteOfDay(text: string): number | undefined {
	const match = hhmm.exec(text.trim());
	if (!match) {
		return undefined;
	}

	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	return hours <= 24 && minutes < 60 && (hours * 60) + minutes <= 24 * 60 ? (hours * 60) + minutes : undefined;
}

/**
 * `trading-hours` (the continuous sessions 09:30-11:30 and 13:00-14:57) or `"09:30-11:30,13:00-15:00"`.
 * @returns the windows, or an error message
 */
export function parseWindows(value: unknown): TimeWindow[] | string {
	if (value === 'trading-hours') {
		return continuousSessions.map(session => ({...session}));
	}

	const text = Array.isArray(value) ? value.join(',') : value;
	if (typeof text !== 'string') {
		return 'window must be "trading-hours" or ranges such as "09:30-11:30,13:00-15:00"';
	}

	const windows: TimeWindow[] = [];
	for (const range of text.split(',')) {
		const [from, to, extra] = range.split('-');
		const startMinute = from === undefined ? undefined : minuteOfDay(from);
		const endMinute = to === undefined ? undefined : minuteOfDay(to);
		if (extra === undefined && startMinute !== undefined && endMinute !== undefined && endMinute < startMinute) {
			return `window "${range.trim()}" crosses midnight, and a range never does: give each day's part, "${from!.trim()}-24:00,00:00-${to!.trim()}"`;
		}

		if (extra !== undefined || startMinute === undefined || endMinute === undefined || endMinute <= startMinute) {
			return `window "${range.trim()}" is not a range such as 09:30-11:30 (or use trading-hours)`;
		}

		windows.push({startMinute, endMinute});
	}

	return windows;
}
