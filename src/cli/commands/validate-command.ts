import path from 'node:path';
import {loadCalendarConfig} from '../../config/load-calendar-config.js';
import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';

/** `sage-console validate`: loads jobs.yaml (and calendar.yaml) and reports every problem; throws ConfigError when broken. */
export function validateCommand(paths: AppPaths): number {
	const config = loadJobsConfig(paths.configFile, paths.root);
	loadCalendarConfig(paths.calendarFile);
	const enabled = config.jobs.filter(job => job.enabled).length;
	process.stdout.write(`${path.relative(process.cwd(), paths.configFile) || paths.configFile}: OK, ${config.jobs.length} jobs (${enabled} enabled)\n`);
	return 0;
}
