import {wallOf} from './civil-calendar.js';
import {wallToInstant} from './zoned-time.js';

/** A date-time with no offset (`2026-12-06T22:00`, `2026-12-06 22:00:05.250`): a wall time. */
const wallDateTime = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/;

/**
 * The instant of a date-time written without an offset, read as a wall time in `timeZone` (a time a
 * spring-forward gap skips moves on by the gap, one a fall-back repeats is its first: wallToInstant);
 * undefined when `text` has an offset or `Z`, or is not such a date-time. JavaScript alone reads it in
 * the machine's zone, which on a box kept in UTC is not the scheduler's.
 */
export function wallTimeInstant(text: string, timeZone: string): number | undefined {
	const match = wallDateTime.exec(text);
	if (!match) {
		return undefined;
	}

	const [, y, mo, d, h, mi, s = '0', fraction = '0'] = match;
	const wall = wallOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0')));
	return wall === undefined ? undefined : wallToInstant(wall, timeZone);
}
