import {daysInMonth, scheduleYears, wallOf} from '../time/civil-calendar.js';
import {zoneRules} from '../time/zone-rules.js';
import {formatZonedIso} from '../time/zoned-time.js';

export type ParsedDateTime =
	| {ok: true; instant: Date; note?: string}
	| {ok: false; message: string};

// APScheduler's convert_to_datetime reads `Y-m-d`, `Y-m-d H:M:S[.micro]` and an offset Z / ±HH:MM; minutes
// without seconds and ±HHMM are taken here too.
const pattern = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;

const example = 'use 2026-01-05T09:00:00, or with an offset: 2026-01-05T09:00:00+08:00';

/**
 * A date-time from the config, checked as a calendar date: February 30th, April 31st and month 13 are
 * refused, not rolled over into another day as `Date.parse` does. Text with an offset is that instant;
 * without one it is a wall time in `timeZone` (as APScheduler reads it). A wall time a DST change skips
 * moves forward by the gap (APScheduler, Python and Java do the same); one it repeats is the first
 * occurrence. Either way `note` says so, for a warning, with `verb` saying what the instant is for.
 */
export function parseDateTime(text: string, timeZone: string, verb: 'fires at' | 'starts at' | 'ends at' = 'fires at'): ParsedDateTime {
	const match = pattern.exec(text.trim());
	if (!match) {
		return {ok: false, message: `"${text}" is not a date-time (${example})`};
	}

	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
	const year = Number(y);
	if (year < scheduleYears.first || year > scheduleYears.last) {
		return {ok: false, message: `"${text}": year ${year} is outside ${scheduleYears.first}-${scheduleYears.last}, the years schedules cover`};
	}

	const ms = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
	const wall = wallOf(year, Number(mo), Number(d), Number(h), Number(mi), Number(s), ms);
	if (wall === undefined) {
		return {ok: false, message: `"${text}" is not a real date and time (${whatIsWrong(year, Number(mo), Number(d), Number(h), Number(mi), Number(s))})`};
	}

	if (offset !== undefined) {
		const offsetMs = parseOffset(offset);
		if (offsetMs === undefined) {
			return {ok: false, message: `"${text}": the offset "${offset}" is not one (use +08:00, -05:00 or Z)`};
		}

		return {ok: true, instant: new Date(wall - offsetMs)};
	}

	const resolved = zoneRules(timeZone).resolveWall(wall);
	switch (resolved.kind) {
		case 'single': {
			return {ok: true, instant: new Date(resolved.at)};
		}

		case 'gap': {
			const shifted = formatZonedIso(resolved.shifted, timeZone);
			return {ok: true, instant: new Date(resolved.shifted), note: `${text} does not exist in ${timeZone} (the clocks go forward then): it ${verb} ${shifted}`};
		}

		case 'overlap': {
			const first = formatZonedIso(resolved.first, timeZone);
			const second = formatZonedIso(resolved.second, timeZone);
			return {ok: true, instant: new Date(resolved.first), note: `${text} occurs twice in ${timeZone} (the clocks go back then): it ${verb} the first, ${first}; write ${second} for the second`};
		}
	}
}

function parseOffset(text: string): number | undefined {
	if (text.toUpperCase() === 'Z') {
		return 0;
	}

	const digits = text.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2) || '0');
	if (hours > 14 || minutes > 59) {
		return undefined;
	}

	return (text.startsWith('-') ? -1 : 1) * ((hours * 60) + minutes) * 60_000;
}

function whatIsWrong(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
	if (month < 1 || month > 12) {
		return `there is no month ${month}`;
	}

	if (day < 1 || day > daysInMonth(year, month)) {
		const monthName = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', {month: 'long', timeZone: 'UTC'});
		return `${monthName} ${year} has no day ${day}`;
	}

	if (hour > 23) {
		return `there is no hour ${hour}`;
	}

	return minute > 59 ? `there is no minute ${minute}` : `there is no second ${second}`;
}
