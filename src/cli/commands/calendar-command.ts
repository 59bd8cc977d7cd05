import type {AppPaths} from '../../host/paths.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {zonedDate} from '../../time/zoned-time.js';
import {commandCalendar} from './command-calendar.js';
import {UsageError} from './usage-error.js';
import {countOf} from '../../core/count-words.js';

/** The years `calendar` shows. */
const firstYear = 1990;
const lastYear = 2200;

/** `sage-console calendar [--year Y] [--json]`: the year's trading days and weekday closures. */
export function calendarCommand(paths: AppPaths, flags: {year?: number; json?: boolean}): number {
	const year = flags.year ?? Number(zonedDate(Date.now(), exchangeTimeZone).slice(0, 4));
	if (!Number.isInteger(year) || year < firstYear || year > lastYear) {
		// Saying the range: `--year 1989` or `--year 9999` is a year, which "a year such as 2026" did not explain.
		throw new UsageError(`--year must be a year from ${firstYear} to ${lastYear}, such as 2026`);
	}

	const calendar = commandCalendar(paths);

	const tradingDays = calendar.tradingDaysBetween(`${year}-01-01`, `${year}-12-31`);
	const closed = calendar.closedWeekdaysIn(year);
	const known = calendar.hasDataFor(year);
	if (flags.json) {
		process.stdout.write(`${JSON.stringify({year, trading_days: tradingDays, closed_weekdays: closed, closures_known: known})}\n`);
		return 0;
	}

	const lines = [
		`${year}: ${countOf(tradingDays.length, 'trading day')}, ${countOf(closed.length, 'weekday closure')}${known ? '' : ' (no closure data for this year: every weekday counts as a trading day)'}`,
		...closed.map(day => `  closed ${day}`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}
