import path from 'node:path';
import {ConfigError, formatProblem, type ConfigProblem} from '../../config/config-problem.js';
import {loadCalendarConfig} from '../../config/load-calendar-config.js';
import {loadJobsConfigWithText} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';

function printWarnings(warnings: readonly ConfigProblem[]): void {
	for (const warning of warnings) {
		process.stderr.write(`${formatProblem({...warning, message: `warning: ${warning.message}`})}\n`);
	}
}

/**
 * `sage-console validate`: loads jobs.yaml (and calendar.yaml) and reports every problem; throws ConfigError
 * when broken. Warnings (a schedule that never fires, a date a DST change moves) go to stderr as
 * `FILE:LINE:COL: warning: …`; with only warnings the file is valid and the exit code is 0.
 */
export function validateCommand(paths: AppPaths): number {
	let reading: ReturnType<typeof loadJobsConfigWithText>;
	try {
		reading = loadJobsConfigWithText(paths.configFile, paths.root);
	} catch (error) {
		// A broken file's warnings are shown too, ahead of its problems.
		if (error instanceof ConfigError) {
			printWarnings(error.warnings);
		}

		throw error;
	}

	const {config, warnings} = reading;
	loadCalendarConfig(paths.calendarFile);
	printWarnings(warnings);

	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	const enabled = config.jobs.filter(job => job.enabled).length;
	const services = config.services ?? [];
	const servicesText = services.length === 0 ? '' : `, ${plural(services.length, 'service')} (${services.filter(service => service.enabled).length} enabled)`;
	const warned = warnings.length === 0 ? '' : `, ${plural(warnings.length, 'warning')}`;
	process.stdout.write(`${path.relative(process.cwd(), paths.configFile) || paths.configFile}: OK, ${plural(config.jobs.length, 'job')} (${enabled} enabled)${servicesText}${warned}\n`);
	return 0;
}
