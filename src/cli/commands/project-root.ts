import {existsSync} from 'node:fs';
import path from 'node:path';
import type {AppPaths} from '../../host/paths.js';

/** A root with neither a jobs file nor a history database: a mistyped `--root`, most likely. */
export class NoProjectError extends Error {
	override name = 'NoProjectError';
}

/**
 * What is missing when `paths.root` is no project (neither its jobs file nor its history database is
 * there), as the end of a sentence; undefined for a project, a fresh one (jobs.yaml, no database yet) too.
 */
export function missingProject(paths: AppPaths): string | undefined {
	if (existsSync(paths.dbFile) || existsSync(paths.configFile)) {
		return undefined;
	}

	const shown = (file: string) => (file.startsWith(paths.root + path.sep) ? path.relative(paths.root, file) : file);
	return `neither ${shown(paths.configFile)} nor ${shown(paths.dbFile)} is there`;
}

/**
 * Before a command reads history: a fresh project (jobs.yaml there, no database yet) has no runs, but a
 * folder with neither file is not a project, and "no runs match" would hide the mistake.
 * @throws NoProjectError naming the root and both files it looked for
 */
export function requireProjectRoot(paths: AppPaths): void {
	const missing = missingProject(paths);
	if (missing !== undefined) {
		throw new NoProjectError(`no sage-console project at ${paths.root}: ${missing}; run sage-console in the project's folder or give --root DIR (or --db FILE)`);
	}
}
