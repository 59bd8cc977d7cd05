import {existsSync} from 'node:fs';
import {loadJobsConfigWithText} from '../config/load-jobs-config.js';
import type {AppPaths} from './paths.js';
import {lastGoodJobsFile} from './last-good-jobs.js';

/**
 * Refuses a start on a folder that holds no project (a mistyped `--root`, a shell in the wrong folder):
 * neither its jobs file, nor a history database, nor a last good job list is there. The jobs file is
 * read, and fails as it would have, `file not found (root DIR)`, before the database is opened: opening
 * it would leave an empty `data/sage.db` behind, and that folder would then pass for a project
 * (`history` saying `no runs match`, `status` to start a scheduler there).
 * @throws ConfigError
 */
export function refuseStartWithoutProject(paths: Pick<AppPaths, 'configFile' | 'dbFile' | 'root'>): void {
	if (!existsSync(paths.configFile) && !existsSync(paths.dbFile) && !existsSync(lastGoodJobsFile(paths))) {
		loadJobsConfigWithText(paths.configFile, paths.root);
	}
}
