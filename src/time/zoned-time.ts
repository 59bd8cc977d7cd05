/** Calendar arithmetic in an IANA time zone, without a date library. */
import {wallFields, wallMs} from './civil-calendar.js';
import {zoneRules} from './zone-rules.js';

export type ZonedParts = {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** 0 = Monday … 6 = Sunday (ISO order). */
	weekday: number;
};

const toMs = (instant: Date | number) => (typeof instant === 'number' ? instant : instant.getTime());

/** The wall time (as Date.UTC numbers it) the zone's clock shows at an instant. */
export function wallTimeAt(instant: Date | number, timeZone: string): number {
	const ms = toMs(instant);
	return ms + zoneRules(timeZone).offsetAt(ms);
}

/**
 * The zone's clock face at an instant. Offsets come from the zone's own rules for that year (see
 * zone-rules.ts), so dates decades away are as right as today's.
 */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
	const wall = wallTimeAt(instant, timeZone);
	const fields = wallFields(wall);
	return {
		year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second,
		weekday: (new Date(wall).getUTCDay() + 6) % 7,
	};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of the instant in the zone. */
export function zonedDate(instant: Date | number, timeZone: string): string {
	const p = zonedParts(instant, timeZone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:MM:SS` of the instant in the zone. */
export function zonedClock(instant: Date | number, timeZone: string): string {
	const p = zonedParts(instant, timeZone);
	return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Offset of the zone from UTC at the instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date | number, timeZone: string): number {
	return Math.round(zoneRules(timeZone).offsetAt(toMs(instant)) / 60_000);
}

/**
 * The instant of a wall time (as Date.UTC numbers it) in the zone. A time that does not exist (a DST
 * spring-forward gap) moves forward by the gap's length, as APScheduler, Python and Java read it; a time
 * that occurs twice (fall-back) is its first occurrence unless `occurrence` says otherwise.
 */
export function wallToInstant(wall: number, timeZone: string, occurrence: 'first' | 'second' = 'first'): number {
	const resolved = zoneRules(timeZone).resolveWall(wall);
	switch (resolved.kind) {
		case 'single': {
			return resolved.at;
		}

		case 'overlap': {
			return occurrence === 'first' ? resolved.first : resolved.second;
		}

		case 'gap': {
			return resolved.shifted;
		}
	}
}

/** The instant at which the wall clock in `timeZone` shows the given local time (see wallToInstant for DST). */
export function zonedInstant(ymd: string, timeZone: string, hour = 0, minute = 0, second = 0): Date {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(wallToInstant(wallMs(y, m - 1, d, hour, minute, second), timeZone));
}

/** ISO-8601 with the zone's offset, e.g. `2026-10-08T16:30:00+08:00`; milliseconds only when there are any. */
export function formatZonedIso(instant: Date | number, timeZone: string): string {
	const ms = toMs(instant);
	const offsetMs = zoneRules(timeZone).offsetAt(ms);
	const f = wallFields(ms + offsetMs);
	const offset = Math.round(offsetMs / 60_000);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const fraction = f.ms === 0 ? '' : `.${pad(f.ms, 3)}`;
	return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(ymd: string, days: number): string {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	const t = new Date(wallMs(y, m - 1, d + days));
	return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday for a `YYYY-MM-DD` date. */
export function weekdayOf(ymd: string): number {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return (new Date(wallMs(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function isValidTimeZone(timeZone: string): boolean {
	let valid = validZones.get(timeZone);
	if (valid === undefined) {
		// Asking Intl costs ~0.4 ms: a config of thousands of jobs in a few zones asks once per zone.
		try {
			new Intl.DateTimeFormat('en-US', {timeZone});
			valid = true;
		} catch {
			valid = false;
		}

		if (validZones.size < 1000) {
			validZones.set(timeZone, valid);
		}
	}

	return valid;
}

/** Zone names already checked (the IANA database does not change while the process runs). */
const validZones = new Map<string, boolean>();
