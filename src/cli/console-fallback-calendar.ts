import type {AppPaths} from '../host/paths.js';
import type {TradingCalendar} from '../market/trading-calendar.js';

/**
 * config/calendar.yaml as this console reads it, for the header of a scheduler too old to send its
 * calendar in the snapshot; none when the file does not read (a YAML error, a bad date, no permission).
 * Only a stand-in: a broken file must never keep a console from opening; the scheduler says what is
 * wrong with it (a notice in the header). Read by a console attached to another process's scheduler
 * only, and loaded then (the YAML and config readers): a console's own scheduler thread is this
 * very build, which sends its calendar, and an idle console's UI thread need not hold them.
 */
export async function fallbackCalendar(paths: AppPaths): Promise<TradingCalendar | undefined> {
	try {
		const {loadCalendar} = await import('../host/load-calendar.js');
		return loadCalendar(paths);
	} catch {
		return undefined;
	}
}
