import {addDays, weekdayOf} from '../time/zoned-time.js';

/** The exchange's clock lives in Shanghai whatever the box's zone is. */
export const exchangeTimeZone = 'Asia/Shanghai';

export type CalendarData = {
	/** Weekday closures by year; a year listed here is "known", even with an empty list. */
	closedWeekdays: Record<string, readonly string[]>;
	/** Extra closures from `config/calendar.yaml` (emergency closures, corrections). */
	extraClosures?: readonly string[];
	/** Weekdays to treat as open although the data says closed (corrections). */
	extraOpenDays?: readonly string[];
};

/**
 * Shanghai/Shenzhen trading days: weekdays minus the exchanges' announced closures.
 * Make-up working Saturdays are never trading days, so weekends are always closed.
 * For a year with no data the calendar falls back to "every weekday" and says so through `hasDataFor`.
 * Never changed once made: a re-read config/calendar.yaml is a new calendar, handed to each holder.
 */
export class TradingCalendar {
	private readonly closed = new Set<string>();
	private readonly open = new Set<string>();
	private readonly knownYears = new Set<number>();

	/** @param data the days it is made of, kept as `data` (the scheduler's snapshot carries them to its clients) */
	constructor(readonly data: CalendarData) {
		for (const [year, days] of Object.entries(data.closedWeekdays)) {
			this.knownYears.add(Number(year));
			for (const day of days) {
				this.closed.add(day);
			}
		}

		for (const day of data.extraClosures ?? []) {
			this.closed.add(day);
		}

		for (const day of data.extraOpenDays ?? []) {
			this.open.add(day);
		}
	}

	hasDataFor(year: number): boolean {
		return this.knownYears.has(year);
	}

	get years(): number[] {
		return [...this.knownYears].sort((a, b) => a - b);
	}

	isTradingDay(ymd: string): boolean {
		if (weekdayOf(ymd) >= 5) {
			return false;
		}

		if (this.open.has(ymd)) {
			return true;
		}

		return !this.closed.has(ymd);
	}

	/** A weekday closure (holiday), as opposed to a weekend. */
	isHoliday(ymd: string): boolean {
		return weekdayOf(ymd) < 5 && !this.isTradingDay(ymd);
	}

	/** The first trading day on or after `ymd` (within ~a year). */
	onOrAfter(ymd: string): string | undefined {
		let day = ymd;
		for (let i = 0; i < 400; i++) {
			if (this.isTradingDay(day)) {
				return day;
			}

			day = addDays(day, 1);
		}

		return undefined;
	}

	/** The last trading day on or before `ymd` (within ~a year). */
	onOrBefore(ymd: string): string | undefined {
		let day = ymd;
		for (let i = 0; i < 400; i++) {
			if (this.isTradingDay(day)) {
				return day;
			}

			day = addDays(day, -1);
		}

		return undefined;
	}

	tradingDaysBetween(fromYmd: string, toYmd: string): string[] {
		const days: string[] = [];
		for (let day = fromYmd; day <= toYmd; day = addDays(day, 1)) {
			if (this.isTradingDay(day)) {
				days.push(day);
			}
		}

		return days;
	}

	closedWeekdaysIn(year: number): string[] {
		const days: string[] = [];
		for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
			if (this.isHoliday(day)) {
				days.push(day);
			}
		}

		return days;
	}

	/** 1 = first trading day of its month, -1 = last, 0 = neither / not a trading day. */
	positionInMonth(ymd: string): {first: boolean; last: boolean} {
		if (!this.isTradingDay(ymd)) {
			return {first: false, last: false};
		}

		const month = ymd.slice(0, 7);
		const previous = this.onOrBefore(addDays(ymd, -1));
		const next = this.onOrAfter(addDays(ymd, 1));
		return {first: previous?.slice(0, 7) !== month, last: next?.slice(0, 7) !== month};
	}

	/** First/last trading day of its ISO week (Monday to Sunday). */
	positionInWeek(ymd: string): {first: boolean; last: boolean} {
		if (!this.isTradingDay(ymd)) {
			return {first: false, last: false};
		}

		const weekday = weekdayOf(ymd);
		const monday = addDays(ymd, -weekday);
		const sunday = addDays(monday, 6);
		const previous = this.onOrBefore(addDays(ymd, -1));
		const next = this.onOrAfter(addDays(ymd, 1));
		return {first: previous === undefined || previous < monday, last: next === undefined || next > sunday};
	}
}
