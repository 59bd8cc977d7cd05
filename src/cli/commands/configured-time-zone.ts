import type {AppPaths} from '../../host/paths.js';
import {loadJobsAtStart} from '../../host/jobs-at-start.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';

/**
 * The zone the jobs file's top-level `timezone` names: the scheduler's "today" (its daily counts, its
 * run log days), so the zone a command that reads the root without the scheduler shows times and reads
 * a bare day in. A command attached to a running scheduler takes its snapshot's `scheduler.timezone`
 * instead. Read as a scheduler starting now would: a broken or missing jobs.yaml is the last good list
 * kept for the root (the one the scheduler goes on with); with neither, the file's default (Asia/Shanghai).
 */
export function configuredTimeZone(paths: AppPaths): string {
	try {
		return loadJobsAtStart(paths, true).config.timezone;
	} catch {
		return exchangeTimeZone;
	}
}
