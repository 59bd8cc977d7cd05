import {readFileSync} from 'node:fs';
import {ConfigError, formatProblem, type ConfigProblem} from '../config/config-problem.js';
import {loadCalendarConfig} from '../config/load-calendar-config.js';
import {calendarFileWarnings} from '../market/calendar-file-warnings.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';

/** What reading config/calendar.yaml again found: nothing new, a calendar to apply, or its problems. */
export type CalendarReading =
	| {kind: 'unchanged'}
	/** `warnings`: what the new file does that the operator may not mean (a year that leaves out shipped closures). */
	| {kind: 'changed'; calendar: TradingCalendar; summary: string; warnings: string[]}
	| {kind: 'invalid'; problems: ConfigProblem[]}
	/** Back to the text the calendar in use came from after a broken one (an edit undone, a broken file removed): its notice goes. */
	| {kind: 'mended'};

function textOf(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		// No file: the shipped closures alone. One that cannot be read is a text of its own, never "no file".
		return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : `\0${(error as Error).message}`;
	}
}

/**
 * config/calendar.yaml, read at start and again on `reload` or an edit the watcher sees: an edit is a
 * file that reads otherwise than the calendar in use came from.
 */
export class CalendarFile {
	/** The text the calendar in use came from (undefined: no file); null: the shipped closures alone, the file broken at start. */
	private lastText: string | undefined | null;
	/**
	 * The broken text last told about (undefined: none): the watcher does not tell it again, a `reload`
	 * does. Never "no file", which is never broken: a file removed must not read as the broken text.
	 */
	private badText: string | undefined;
	/** A broken reading was told since the calendar in use was read (its notice stands). */
	private broken = false;

	constructor(private readonly file: string) {}

	/**
	 * The shipped closures with the file's additions, at start. A broken file does not stop the
	 * scheduler (its jobs were fine): the shipped closures alone, with the file's problems to tell,
	 * until an edit mends it (the next reading then differs from this one and is applied).
	 */
	load(): {calendar: TradingCalendar; problems?: ConfigProblem[]; warnings: string[]} {
		const text = textOf(this.file);
		try {
			const data = loadCalendarConfig(this.file);
			this.lastText = text;
			return {calendar: createTradingCalendar(data), warnings: calendarFileWarnings(data)};
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			this.lastText = null;
			this.badText = text;
			this.broken = true;
			return {calendar: createTradingCalendar(), problems: error.problems, warnings: []};
		}
	}

	/** Reads the file again; a broken file leaves the calendar in use as it is (`force`: tell it again). */
	reread(force = false): CalendarReading {
		const text = textOf(this.file);
		if (text === this.lastText) {
			if (!this.broken) {
				return {kind: 'unchanged'};
			}

			this.broken = false;
			this.badText = undefined;
			return {kind: 'mended'};
		}

		if (text !== undefined && text === this.badText && !force) {
			return {kind: 'unchanged'};
		}

		try {
			const data = loadCalendarConfig(this.file);
			this.lastText = text;
			this.badText = undefined;
			this.broken = false;
			const closures = (data.extraClosures?.length ?? 0) + Object.values(data.closedWeekdays).reduce((sum, days) => sum + days.length, 0);
			const years = Object.keys(data.closedWeekdays).sort();
			const summary = `calendar: changed, ${closures} closure${closures === 1 ? '' : 's'} from calendar.yaml${years.length > 0 ? ` (years ${years.join(', ')})` : ''}${data.extraOpenDays?.length ? `, ${data.extraOpenDays.length} open day${data.extraOpenDays.length === 1 ? '' : 's'}` : ''}`;
			return {kind: 'changed', calendar: createTradingCalendar(data), summary, warnings: calendarFileWarnings(data)};
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			this.badText = text;
			this.broken = true;
			return {kind: 'invalid', problems: error.problems};
		}
	}
}

/** What the scheduler tells (each problem in the log, the first in a standing notice) when calendar.yaml was broken at start. */
export function tellBrokenCalendar(scheduler: {say(level: 'error', msg: string): void; setNotice(key: string, text: string | undefined): void}, problems: readonly ConfigProblem[]): void {
	const what = 'calendar.yaml not applied; the shipped closures alone are used';
	for (const problem of problems) {
		scheduler.say('error', formatProblem(problem));
	}

	scheduler.say('error', what);
	scheduler.setNotice('calendar-config', `${what}: ${formatProblem(problems[0]!)}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`);
}
