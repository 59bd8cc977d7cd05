import {readFileSync} from 'node:fs';
import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {displayPath, loadJobsConfigWithText, readJobsConfig, type JobsConfigReading} from '../config/load-jobs-config.js';
import {lastGoodJobsFile, readLastGoodJobs} from './last-good-jobs.js';
import type {AppPaths} from './paths.js';

/** The jobs a process starts with, the text of jobs.yaml as read (what the watcher compares edits with), and — when the file was broken — why and which list runs instead. */
export type JobsAtStart = JobsConfigReading & {
	text: string;
	/** jobs.yaml was broken: its problems, and when the last good list that runs instead was applied. */
	broken?: {problems: ConfigProblem[]; lastGoodAt: number};
};

/**
 * jobs.yaml at start. A scheduler (`scheduling`) whose file is broken goes on with the last good list
 * kept for its root (its relative paths resolve from the root as before), so a restart with a broken
 * file never stops jobs that were fine. A one-off run, a file that cannot be read, or a root that never
 * applied a good file: the file's error, as before.
 * @throws ConfigError
 */
export function loadJobsAtStart(paths: AppPaths, scheduling: boolean): JobsAtStart {
	try {
		return loadJobsConfigWithText(paths.configFile, paths.root);
	} catch (error) {
		if (!(error instanceof ConfigError) || !scheduling) {
			throw error;
		}

		let text: string;
		try {
			text = readFileSync(paths.configFile, 'utf8');
		} catch {
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

		try {
			return {...readJobsConfig(lastGood.text, displayPath(paths.configFile), paths.root), text, broken: {problems: error.problems, lastGoodAt: lastGood.at}};
		} catch {
			// The last good list no longer reads (a job module it names is gone): the file's own error.
			throw error;
		}
	}
}
