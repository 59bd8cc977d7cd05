import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';

/**
 * How many days retention keeps run logs (`retention: {logs_days}` of the jobs file, 30 when not set);
 * undefined when the jobs file cannot be read (missing or broken), when nothing can be said of it.
 */
export function configuredLogDays(paths: AppPaths): number | undefined {
	try {
		return loadJobsConfig(paths.configFile, paths.root).retention.logDays;
	} catch {
		return undefined;
	}
}
