import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';

/**
 * The zone the jobs file's top-level `timezone` names: the scheduler's "today" (its daily counts, its
 * run log days), so the zone a command that reads the root without the scheduler shows times and reads
 * a bare day in. A command attached to a running scheduler takes its snapshot's `scheduler.timezone`
 * instead. The jobs file's default (Asia/Shanghai) when the file cannot be read (missing or broken).
 */
export function configuredTimeZone(paths: AppPaths): string {
	try {
		return loadJobsConfig(paths.configFile, paths.root).timezone;
	} catch {
		return exchangeTimeZone;
	}
}
