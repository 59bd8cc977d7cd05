/** Calendar arithmetic in an IANA time zone, without a date library. */

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

const weekdayIndex: Record<string, number> = {Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6};

function createFormatter(timeZone: string): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
		weekday: 'short',
	});
}

const fixedOffsets = new Map<string, number | undefined>();

/**
 * The zone's offset from UTC in minutes when it is the same all year round (Asia/Shanghai: 480),
 * checked month by month over five years around now; undefined for zones with daylight saving.
 * Arithmetic on a fixed offset is ~50× cheaper than asking Intl.
 */
export function fixedOffsetMinutes(timeZone: string): number | undefined {
	if (fixedOffsets.has(timeZone)) {
		return fixedOffsets.get(timeZone);
	}

	const formatter = createFormatter(timeZone);
	const offsetAt = (ms: number) => {
		const p = partsFromFormatter(formatter, ms);
		return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (Math.floor(ms / 1000) * 1000)) / 60_000);
	};

	const now = Date.now();
	const first = offsetAt(now);
	let fixed: number | undefined = first;
	for (let month = -24; month <= 36 && fixed !== undefined; month++) {
		if (offsetAt(now + (month * 30.4 * 86_400_000)) !== first) {
			fixed = undefined;
		}
	}

	fixedOffsets.set(timeZone, fixed);
	return fixed;
}

function partsFromFormatter(formatter: Intl.DateTimeFormat, instant: Date | number): ZonedParts {
	const out: ZonedParts = {year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0};
	for (const part of formatter.formatToParts(instant)) {
		switch (part.type) {
			case 'year': out.year = Number(part.value); break;
			case 'month': out.month = Number(part.value); break;
			case 'day': out.day = Number(part.value); break;
			case 'hour': out.hour = Number(part.value); break;
			case 'minute': out.minute = Number(part.value); break;
			case 'second': out.second = Number(part.value); break;
			case 'weekday': out.weekday = weekdayIndex[part.value] ?? 0; break;
			default: break;
		}
	}

	return out;
}

/** Formatters are expensive to build and cheap to reuse; fixed-offset zones skip them altogether. */
export class ZonedClockFace {
	private readonly formatters = new Map<string, Intl.DateTimeFormat>();

	parts(instant: Date | number, timeZone: string): ZonedParts {
		const offset = fixedOffsetMinutes(timeZone);
		if (offset !== undefined) {
			const local = new Date((typeof instant === 'number' ? instant : instant.getTime()) + (offset * 60_000));
			return {
				year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
				hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(),
				weekday: (local.getUTCDay() + 6) % 7,
			};
		}

		let formatter = this.formatters.get(timeZone);
		if (!formatter) {
			formatter = createFormatter(timeZone);
			this.formatters.set(timeZone, formatter);
		}

		return partsFromFormatter(formatter, instant);
	}
}

const sharedFace = new ZonedClockFace();

export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
	return sharedFace.parts(instant, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of the instant in the zone. */
export function zonedDate(instant: Date | number, timeZone: string): string {
	const p = zonedParts(instant, timeZone);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:MM:SS` of the instant in the zone. */
export function zonedClock(instant: Date | number, timeZone: string): string {
	const p = zonedParts(instant, timeZone);
	return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Offset of the zone from UTC at the instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date | number, timeZone: string): number {
	const ms = typeof instant === 'number' ? instant : instant.getTime();
	const p = zonedParts(ms, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows the given local time (first occurrence on DST overlap). */
export function zonedInstant(ymd: string, timeZone: string, hour = 0, minute = 0, second = 0): Date {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	const guess = Date.UTC(y, m - 1, d, hour, minute, second);
	const first = guess - zoneOffsetMinutes(guess, timeZone) * 60_000;
	const second_ = guess - zoneOffsetMinutes(first, timeZone) * 60_000;
	return new Date(Math.min(first, second_));
}

/** ISO-8601 with the zone's offset, e.g. `2026-10-08T16:30:00+08:00`. */
export function formatZonedIso(instant: Date | number, timeZone: string): string {
	const ms = typeof instant === 'number' ? instant : instant.getTime();
	const p = zonedParts(ms, timeZone);
	const offset = zoneOffsetMinutes(ms, timeZone);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(ymd: string, days: number): string {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	const t = new Date(Date.UTC(y, m - 1, d + days));
	return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday for a `YYYY-MM-DD` date. */
export function weekdayOf(ymd: string): number {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', {timeZone});
		return true;
	} catch {
		return false;
	}
}
