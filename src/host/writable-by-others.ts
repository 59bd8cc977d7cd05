/**
 * The root's folders and files that every user of the box may write: a job list, a job module or a
 * folder the scheduler reads code or settings from that others can change (or a folder where they can
 * plant a file or a link for it to follow) lets any local user run commands as the scheduler's user.
 * Said at the start (log and a standing notice); nothing is refused or changed.
 */
import {lstatSync} from 'node:fs';
import path from 'node:path';
import type {AppPaths} from './paths.js';

/** The warning, or undefined when none of them is writable by others. */
export function writableByOthersWarning(paths: AppPaths): string | undefined {
	const candidates = [
		paths.root,
		path.dirname(paths.configFile),
		paths.configFile,
		path.join(paths.root, 'jobs'),
		paths.notifyConfigFile,
		paths.userConfigFile,
		path.dirname(paths.dbFile),
		paths.logs,
		paths.jobLogs,
	];
	const open: string[] = [];
	for (const file of new Set(candidates)) {
		try {
			const stat = lstatSync(file);
			if (!stat.isSymbolicLink() && (stat.mode & 0o002) !== 0) {
				open.push(`${shown(paths.root, file)}${stat.isDirectory() ? '/' : ''} (mode ${(stat.mode & 0o7777).toString(8)})`);
			}
		} catch {
			// Not there: nothing to say.
		}
	}

	if (open.length === 0) {
		return undefined;
	}

	return `writable by every user of this box: ${open.join(', ')}; anyone here can change what the scheduler runs, or plant files it writes to: chmod o-w ${open.map(entry => entry.split(' ')[0]).join(' ')}`;
}

function shown(root: string, file: string): string {
	const relative = path.relative(root, file);
	return relative === '' ? root : (relative.startsWith('..') ? file : relative);
}
