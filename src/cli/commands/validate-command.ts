import {readFileSync} from 'node:fs';
import {ConfigError, formatProblem, type ConfigProblem, type ConfigSettingsRead} from '../../config/config-problem.js';
import {loadJobsConfigWithText} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';
import {apiSettingsWarnings, checkApiSettings} from './api-settings-check.js';
import {loadNotifySettings} from '../../notify/notify-settings.js';
import {notifyAudienceWarnings} from './notify-audience-check.js';
import {checkRedisSettings} from './redis-settings-check.js';
import {checkCalendarFile, checkNotifyFiles, shownPath, type SettingsCheck} from './settings-checks.js';
import {countOf} from '../../core/count-words.js';

function printWarnings(warnings: readonly ConfigProblem[]): void {
	for (const warning of warnings) {
		process.stderr.write(`${formatProblem({...warning, message: `warning: ${warning.message}`})}\n`);
	}
}


/** "3 jobs, 3 enabled": how many there are and how many of them are enabled. */
function countText(entries: ReadonlyArray<{enabled: boolean}>, word: string): string {
	return `${countOf(entries.length, word)}, ${entries.filter(entry => entry.enabled).length} enabled`;
}

/**
 * "config/jobs.yaml (3 jobs, 3 enabled; 1 group, 1 enabled; 2 services, 1 enabled)". A group (`groups:`)
 * loads as a job whose target is its members; it is counted apart, and named only when the file has one.
 */
function jobsSummary(file: string, config: ReturnType<typeof loadJobsConfigWithText>['config']): string {
	// A heartbeat job's target is an empty group (nothing runs for it); it is a job all the same.
	const groups = config.jobs.filter(job => job.target.kind === 'group' && !job.heartbeat);
	const jobs = config.jobs.filter(job => job.target.kind !== 'group' || job.heartbeat);
	const services = config.services ?? [];
	const parts = [countText(jobs, 'job'), ...(groups.length === 0 ? [] : [countText(groups, 'group')]), ...(services.length === 0 ? [] : [countText(services, 'service')])];
	return `${file} (${parts.join('; ')})`;
}

/** Jobs' `notify.channels` and `notify.users` the notification files do not have; none when those files have problems. */
function checkedNotifyAudience(paths: AppPaths, text: string, settings: readonly SettingsCheck[]): ConfigProblem[] {
	const [notify, users] = settings.slice(-2);
	if (!notify || !users || notify.problems.length > 0 || users.problems.length > 0) {
		return [];
	}

	const loaded = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
	return notifyAudienceWarnings(text, shownPath(paths.configFile), loaded, {notifyFile: notify.file, userFile: users.file});
}

/**
 * `sage-console validate`: checks every file the scheduler loads from config/ — jobs.yaml, calendar.yaml,
 * notify_config.json and user_config.json (the last three when present) — and reports every problem
 * of every file at once as `FILE:LINE:COL: message`; throws ConfigError when any is broken. Warnings (a
 * schedule that never fires, a date a DST change moves, a notification file with tokens others can read)
 * go to stderr; with only warnings the files are valid and the exit code is 0. An `http:` setting the
 * API would refuse (a `tokens_file` others can read or that is missing, a `listen` beyond loopback with
 * no token) is a problem: the HTTP API would not start. The OK line names each file it checked, with
 * what it holds, and the optional files that are not there.
 */
export function validateCommand(paths: AppPaths): number {
	let reading: ReturnType<typeof loadJobsConfigWithText> | undefined;
	let jobsProblems: ConfigProblem[] = [];
	let jobsWarnings: ConfigProblem[];
	let settingsRead: ConfigSettingsRead = {};
	try {
		reading = loadJobsConfigWithText(paths.configFile, paths.root);
		jobsWarnings = reading.warnings;
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		jobsProblems = error.problems;
		jobsWarnings = error.warnings;
		settingsRead = error.settings;
	}

	const settings: SettingsCheck[] = [checkCalendarFile(paths.calendarFile), ...checkNotifyFiles(paths)];
	// A broken file's warnings are shown too, ahead of its problems.
	printWarnings(jobsWarnings);
	const audienceWarnings = reading ? checkedNotifyAudience(paths, reading.text, settings) : [];
	printWarnings(audienceWarnings);
	const otherWarnings = settings.flatMap(check => check.warnings.map(warning => `${check.file}: warning: ${warning}`));
	for (const warning of otherWarnings) {
		process.stderr.write(`${warning}\n`);
	}

	// An `http:` setting the API's thread would refuse: the scheduler starts, its HTTP API does not. Checked
	// also when the file has other problems (all at once), as far as `http:` and `redis:` themselves read.
	const jobsText = reading?.text ?? (settingsRead.http || settingsRead.redis ? readFileSync(paths.configFile, 'utf8') : '');
	const http = reading?.config.http ?? settingsRead.http;
	const apiProblems = checkApiSettings(http, paths.root, shownPath(paths.configFile), jobsText);
	// Only for an API that would start: one that would not has its problem said already.
	const apiWarnings = apiProblems.length === 0 ? apiSettingsWarnings(http, shownPath(paths.configFile), jobsText) : [];
	printWarnings(apiWarnings);
	// The files of `redis:` (password, TLS) as the scheduler and workers read them when they connect.
	const redisProblems = checkRedisSettings(reading?.config.redis ?? settingsRead.redis, paths.root, shownPath(paths.configFile), jobsText);
	const problems = [...jobsProblems, ...apiProblems, ...redisProblems, ...settings.flatMap(check => check.problems)];
	if (problems.length > 0 || !reading) {
		throw new ConfigError(problems, {warnings: jobsWarnings});
	}

	const present = settings.filter(check => !check.absent);
	const absent = settings.filter(check => check.absent);
	const warningCount = jobsWarnings.length + audienceWarnings.length + otherWarnings.length + apiWarnings.length;
	const checked = [jobsSummary(shownPath(paths.configFile), reading.config), ...present.map(check => `${check.file} (${check.summary})`)];
	const absentText = absent.length === 0 ? '' : `; absent (optional): ${absent.map(check => check.file).join(', ')}`;
	process.stdout.write(`OK: ${checked.join(', ')}${warningCount > 0 ? `; ${countOf(warningCount, 'warning')}` : ''}${absentText}\n`);
	return 0;
}
