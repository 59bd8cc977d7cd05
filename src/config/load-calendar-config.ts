import {existsSync, readFileSync} from 'node:fs';
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
	if (!existsSync(file)) {
		return {closedWeekdays: {}};
	}

	const source = new YamlSource(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
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
