/**
 * jobs.yaml that cannot be read at all (missing after a bad `git checkout`, or EACCES, EISDIR…): the one
 * config problem it counts as, at a start on the last good job list and while a scheduler runs alike, so
 * `status` and `sage_config_problems` say the same either way.
 */
import {readFileSync} from 'node:fs';
import type {ConfigProblem} from '../config/config-problem.js';

/** Why jobs.yaml could not be read: missing (ENOENT) or another error. */
export type UnreadJobsFile = {missing: boolean; message: string};

/** jobs.yaml's text, or why it cannot be read. */
export function readJobsText(file: string): string | UnreadJobsFile {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		return {missing: (error as NodeJS.ErrnoException).code === 'ENOENT', message: (error as Error).message};
	}
}

/** The problem an unread jobs.yaml counts as: `FILE:1:1: the file is missing`, or `… the file cannot be read (EACCES: …)`. */
export function unreadJobsProblem(file: string, unread: UnreadJobsFile): ConfigProblem {
	return {file, line: 1, col: 1, message: unread.missing ? 'the file is missing' : `the file cannot be read (${unread.message})`};
}

/** Until when the jobs that run instead stay: `config/jobs.yaml is back`, or `… can be read`. */
export function untilReadable(file: string, unread: UnreadJobsFile): string {
	return `${file} ${unread.missing ? 'is back' : 'can be read'}`;
}
