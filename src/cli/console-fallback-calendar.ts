import {loadCalendar} from '../host/load-calendar.js';
import type {AppPaths} from '../host/paths.js';
import type {TradingCalendar} from '../market/trading-calendar.js';

/**
 * config/calendar.yaml as this console reads it, for the header of a scheduler too old to send its
 * calendar in the snapshot; none when the file does not read (a YAML error, a bad date, no permission).
 * Only a stand-in: a broken file must never keep a console from opening, attached or not; the
 * scheduler says what is wrong with it (a notice in the header).
 */
export function fallbackCalendar(paths: AppPaths): TradingCalendar | undefined {
	try {
		return loadCalendar(paths);
	} catch {
		return undefined;
	}
}
