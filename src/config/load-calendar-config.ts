import {readFileSync} from 'node:fs';
import path from 'node:path';
import {isMap, isSeq, type Node} from 'yaml';
import type {CalendarData} from '../market/trading-calendar.js';
import {calendarDateProblem} from '../time/calendar-date.js';
import {ConfigError} from './config-problem.js';
import {MapReader} from './map-reader.js';
import {YamlSource} from './yaml-source.js';

function readDates(source: YamlSource, node: Node | undefined, what: string): string[] {
	if (node === undefined) {
		return [];
	}

	if (!isSeq(node)) {
		source.report(node, `${what} must be a list of dates (YYYY-MM-DD)`);
		return [];
	}

	const dates: string[] = [];
	for (const item of node.items as Node[]) {
		const value = String((item as {value?: unknown}).value ?? item);
		const problem = calendarDateProblem(value);
		if (problem) {
			source.report(item, problem);
		} else {
			dates.push(value);
		}
	}

	return dates;
}

/** How problems name the file, as jobs.yaml's do: relative to the working directory when inside it, else absolute. */
function shownFile(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') ? relative : file;
}

/**
 * The file's text; undefined when there is none. A file that is there but cannot be read (no
 * permission, a folder by that name) is a problem at its first line like any other, so the scheduler
 * goes on by the shipped closures and `validate` names it, instead of an unexpected error.
 */
function readCalendarText(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw new ConfigError([{file: shownFile(file), line: 1, col: 1, message: `cannot be read: ${(error as Error).message}`}], {cause: error});
	}
}

/**
 * `config/calendar.yaml`: the user's additions to the shipped exchange closures.
 * ```yaml
 * closures: [2026-03-05]            # extra closed days (e.g. an emergency closure)
 * open_days: []                     # corrections: days the data says closed that were open
 * years:                            # a whole year's weekday closures, when the notice is out
 *   2027: [2027-01-01, 2027-02-08]
 * ```
 */
export function loadCalendarConfig(file: string): Omit<CalendarData, 'closedWeekdays'> & {closedWeekdays: CalendarData['closedWeekdays']} {
	const text = readCalendarText(file);
	if (text === undefined) {
		return {closedWeekdays: {}};
	}

	const source = new YamlSource(shownFile(file), text);
	const reader = source.problems.length === 0 && source.root ? MapReader.of(source, source.root, 'calendar.yaml') : undefined;
	const result = {closedWeekdays: {} as Record<string, string[]>, extraClosures: [] as string[], extraOpenDays: [] as string[]};
	if (reader) {
		reader.rejectUnknownKeys(['closures', 'open_days', 'years']);
		result.extraClosures = readDates(source, reader.node('closures'), 'closures');
		result.extraOpenDays = readDates(source, reader.node('open_days'), 'open_days');
		const years = reader.node('years');
		if (isMap(years)) {
			for (const pair of years.items) {
				const year = String((pair.key as {value?: unknown}).value);
				if (!/^\d{4}$/.test(year)) {
					source.report(pair.key as Node, `"${year}" is not a year`);
					continue;
				}

				result.closedWeekdays[year] = readDates(source, pair.value as Node, `years.${year}`).filter(day => {
					if (day.startsWith(year)) {
						return true;
					}

					source.report(pair.value as Node, `${day} is not in ${year}`);
					return false;
				});
			}
		} else if (years !== undefined) {
			source.report(years, 'years must map a year to its list of closed weekdays');
		}
	}

	if (source.problems.length > 0) {
		throw new ConfigError(source.problems);
	}

	return result;
}
