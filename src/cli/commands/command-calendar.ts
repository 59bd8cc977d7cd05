import {ConfigError, formatProblem} from '../../config/config-problem.js';
import {loadCalendar} from '../../host/load-calendar.js';
import type {AppPaths} from '../../host/paths.js';
import {createTradingCalendar} from '../../market/shipped-calendar.js';
import type {TradingCalendar} from '../../market/trading-calendar.js';
import {shownPath} from './settings-checks.js';

/**
 * The calendar `list`, `plan` and `calendar` (and `run` in the foreground) go by: the shipped closures with config/calendar.yaml's
 * additions. A file that does not read stops none of them, as it does not stop the scheduler
 * (host/calendar-file.ts): they go by the shipped closures alone, as the scheduler does, and say so on
 * stderr with each problem at its position; stdout stays what a script reads. `validate` fails on it.
 */
export function commandCalendar(paths: AppPaths): TradingCalendar {
	try {
		return loadCalendar(paths);
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		warnShippedClosures(paths, error);
		return createTradingCalendar();
	}
}

/**
 * For `run` in the foreground, whose scheduler goes by the shipped closures alone when the file does
 * not read (its trade dates and backfill days too): the same warning, on stderr before the run.
 */
export function warnIfCalendarBroken(paths: AppPaths): void {
	commandCalendar(paths);
}

function warnShippedClosures(paths: AppPaths, error: ConfigError): void {
	const count = error.problems.length;
	process.stderr.write(`${error.problems.map(problem => formatProblem({...problem, message: `warning: ${problem.message}`})).join('\n')}\n`
		+ `warning: ${shownPath(paths.calendarFile)} not applied (${count} problem${count === 1 ? '' : 's'}); the shipped closures alone are used, as the scheduler does until the file reads (sage-console validate checks it)\n`);
}
