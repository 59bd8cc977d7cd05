/**
 * Dates of the years 0000 to 0099 (a `--since 0000-01-01` meaning "from the very start") are those years,
 * not 1900 to 1999 as Date.UTC would read them. Date.parse reads four-digit ISO years as written, so it
 * is the reference here.
 */
import {describe, expect, it} from 'vitest';
import {addDays, weekdayOf, zonedInstant} from '../../src/time/zoned-time.js';

describe('days of the years 0000 to 0099', () => {
	it('start at their own midnight, in UTC and in a zone', () => {
		expect(zonedInstant('0000-01-01', 'UTC').getTime()).toBe(Date.parse('0000-01-01T00:00:00Z'));
		expect(zonedInstant('0050-06-15', 'UTC', 9, 30).getTime()).toBe(Date.parse('0050-06-15T09:30:00Z'));
		expect(zonedInstant('0099-12-31', 'Etc/GMT-8').getTime()).toBe(Date.parse('0099-12-31T00:00:00+08:00'));
	});

	it('count days and weekdays across them', () => {
		expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
		expect(addDays('0004-02-28', 1)).toBe('0004-02-29');
		expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
		// The first of January of year 1 was a Monday (proleptic Gregorian); 1901's a Tuesday.
		expect(weekdayOf('0001-01-01')).toBe(0);
		expect(weekdayOf('1901-01-01')).toBe(1);
	});
});
