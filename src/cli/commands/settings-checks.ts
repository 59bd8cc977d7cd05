import {existsSync} from 'node:fs';
import path from 'node:path';
import {ConfigError, type ConfigProblem} from '../../config/config-problem.js';
import {loadCalendarConfig} from '../../config/load-calendar-config.js';
import type {AppPaths} from '../../host/paths.js';
import {configuredChannels, loadNotifySettings} from '../../notify/notify-settings.js';
import {calendarFileWarnings} from '../../market/calendar-file-warnings.js';
import {countOf} from '../../core/count-words.js';

/** What `validate` found in one of the files beside jobs.yaml: what it holds, or its problems. */
export type SettingsCheck = {
	/** The file as the operator would type it. */
	file: string;
	/** The file is not there: nothing from it applies (the shipped calendar, no notifications). */
	absent: boolean;
	/** What it holds, in a few words ("2 closures", "channels: dingtalk"). */
	summary: string;
	problems: ConfigProblem[];
	/** Things the operator should fix that do not stop the file from loading (a token file others can read). */
	warnings: string[];
};

/** `file` relative to here when inside, as problems name it. */
export function shownPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') ? relative : file;
}


function problemsOf(error: unknown): ConfigProblem[] {
	if (error instanceof ConfigError) {
		return error.problems;
	}

	throw error;
}

/** config/calendar.yaml: extra closures, corrections and whole years of closures, as the scheduler loads them. */
export function checkCalendarFile(file: string): SettingsCheck {
	const check: SettingsCheck = {file: shownPath(file), absent: !existsSync(file), summary: '', problems: [], warnings: []};
	if (check.absent) {
		return check;
	}

	try {
		const calendar = loadCalendarConfig(file);
		const years = Object.keys(calendar.closedWeekdays);
		const parts = [
			...(calendar.extraClosures?.length ? [countOf(calendar.extraClosures.length, 'closure')] : []),
			...(calendar.extraOpenDays?.length ? [countOf(calendar.extraOpenDays.length, 'open day')] : []),
			...(years.length > 0 ? [`${years.length === 1 ? 'year' : 'years'} ${years.join(', ')}`] : []),
		];
		check.summary = parts.length > 0 ? parts.join(', ') : 'nothing beyond the shipped calendar';
		check.warnings = calendarFileWarnings(calendar);
	} catch (error) {
		check.problems = problemsOf(error);
	}

	return check;
}

/** config/notify_config.json and config/user_config.json, read together as the scheduler reads them. */
export function checkNotifyFiles(paths: Pick<AppPaths, 'notifyConfigFile' | 'userConfigFile'>): SettingsCheck[] {
	const notify: SettingsCheck = {file: shownPath(paths.notifyConfigFile), absent: !existsSync(paths.notifyConfigFile), summary: '', problems: [], warnings: []};
	const users: SettingsCheck = {file: shownPath(paths.userConfigFile), absent: !existsSync(paths.userConfigFile), summary: '', problems: [], warnings: []};
	if (notify.absent && users.absent) {
		return [notify, users];
	}

	try {
		const settings = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
		const channels = configuredChannels(settings);
		notify.summary = channels.length > 0 ? `channels: ${channels.join(', ')}` : 'no channel';
		users.summary = countOf(settings.users.length, 'user');
		// A permission warning names its file; each goes with the file it is about.
		for (const warning of settings.warnings) {
			(warning.startsWith(path.basename(paths.userConfigFile)) ? users : notify).warnings.push(warning);
		}
	} catch (error) {
		for (const problem of problemsOf(error)) {
			(problem.file === users.file ? users : notify).problems.push(problem);
		}
	}

	return [notify, users];
}
