import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {displayPath, loadJobsConfigWithText, readJobsConfig, type JobsConfigReading} from '../config/load-jobs-config.js';
import {lastGoodJobsFile, readLastGoodJobs} from './last-good-jobs.js';
import type {AppPaths} from './paths.js';
import {readJobsText, unreadJobsProblem, type UnreadJobsFile} from './unread-jobs-file.js';

/** The jobs a process starts with, the text of jobs.yaml as read (what the watcher compares edits with), and — when the file was not applied — why and which list runs instead. */
export type JobsAtStart = JobsConfigReading & {
	/** undefined when jobs.yaml could not be read (`broken.unread` says why). */
	text: string | undefined;
	/**
	 * jobs.yaml was not applied: its problems (one, saying why, when it could not be read), when the last
	 * good list that runs instead was applied, and the files it names that are not there (the watcher waits for them).
	 */
	broken?: {problems: ConfigProblem[]; lastGoodAt: number; lastGoodText: string; unread?: UnreadJobsFile; missingFiles: string[]};
};

/**
 * jobs.yaml at start. A scheduler (`scheduling`) whose file is broken, missing (a bad `git checkout`)
 * or unreadable goes on with the last good list kept for its root (its relative paths resolve from the
 * root as before), so a restart with a broken config never stops jobs that were fine. A one-off run,
 * or a root that never applied a good file (the first start, a mistyped `--root`): the file's error,
 * as before.
 * @throws ConfigError
 */
export function loadJobsAtStart(paths: AppPaths, scheduling: boolean): JobsAtStart {
	try {
		return loadJobsConfigWithText(paths.configFile, paths.root);
	} catch (error) {
		if (!(error instanceof ConfigError) || !scheduling) {
			throw error;
		}

		let lastGood;
		try {
			lastGood = readLastGoodJobs(lastGoodJobsFile(paths));
		} catch {
			// Kept but unreadable: as if none was.
		}

		if (!lastGood) {
			throw error;
		}

		const file = displayPath(paths.configFile);
		const read = readJobsText(paths.configFile);
		const text = typeof read === 'string' ? read : undefined;
		const unread = typeof read === 'string' ? undefined : read;
		const problems = unread ? [unreadJobsProblem(file, unread)] : error.problems;
		try {
			return {...readJobsConfig(lastGood.text, file, paths.root), text, broken: {problems, lastGoodAt: lastGood.at, lastGoodText: lastGood.text, ...(unread ? {unread} : {}), missingFiles: error.missingFiles}};
		} catch {
			// The last good list no longer reads (a job module it names is gone): the file's own error.
			throw error;
		}
	}
}
