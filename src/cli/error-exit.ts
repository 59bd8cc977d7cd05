import path from 'node:path';
import {SchedulerRunningError} from '../host/instance-lock.js';
import {notAnsweringText} from './scheduler-not-answering.js';
import {olderSchedulerPid} from '../host/older-scheduler-lock.js';
import {NoSchedulerError, SchedulerNotAnsweringError} from '../host/socket-client.js';
import {ConnectionClosedError, ProtocolError} from '../protocol/wire.js';
import {ConfigError} from '../config/config-problem.js';
import {DatabaseError} from '../store/database-error.js';
import {exitCodes} from './exit-codes.js';
import {SchedulerLostError} from './follow-run.js';
import {UsageError} from './commands/usage-error.js';
import type {AppPaths} from '../host/paths.js';
import {missingProject, NoProjectError} from './commands/project-root.js';
import {readableErrorText} from '../log/readable-stack.js';

/** SQLite's words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB), also when the error crossed from the scheduler's thread. */
const damagedDatabase = /database disk image is malformed|file is not a database/;

/** A file as the operator would type it: relative to the current directory when it lies under it. */
function shownPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * What an error that reached the top of a command prints, and the exit code it gives (README: Exit codes).
 * `paths`, once the command line was read: a damaged database is named as the command opened it (`--db`
 * or the root's `data/sage.db`), and a root that is no project is said to be one, not to need a scheduler.
 */
export function exitCodeFor(error: unknown, paths?: AppPaths): number {
	if (error instanceof ConfigError) {
		const files = new Set(error.problems.map(problem => problem.file)).size;
		process.stderr.write(`${error.message}\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was loaded from ${files > 1 ? 'these files' : 'this file'}\n`);
		return 1;
	}

	if (error instanceof UsageError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return 2;
	}

	if (error instanceof SchedulerRunningError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return exitCodes.schedulerRunning;
	}

	const missing = paths && error instanceof NoSchedulerError ? missingProject(paths) : undefined;
	if (missing !== undefined) {
		// A mistyped --root: "start one with `sage-console`" would only end in "file not found" there.
		process.stderr.write(`sage-console: no sage-console project at ${paths!.root}, so no scheduler runs for it: ${missing}; run sage-console in the project's folder or give --root DIR (or --db FILE)\n`);
		return exitCodes.noScheduler;
	}

	// An upgrade with the old scheduler still up: it has no socket, and "start one" would be refused.
	const older = paths && error instanceof NoSchedulerError ? olderSchedulerPid(paths.dbFile) : undefined;
	if (older !== undefined) {
		process.stderr.write(`sage-console: an older sage-console (pid ${older}) is scheduling with ${shownPath(paths!.dbFile)}: it has no socket (${(error as NoSchedulerError).socketPath}), so this command cannot reach it; stop it (q in its console, or its service), then start this version\n`);
		return exitCodes.noScheduler;
	}

	if (error instanceof SchedulerNotAnsweringError) {
		process.stderr.write(`sage-console: ${notAnsweringText(error, paths)}\n`);
		return exitCodes.noScheduler;
	}

	if (error instanceof NoSchedulerError || error instanceof SchedulerLostError || error instanceof ConnectionClosedError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return exitCodes.noScheduler;
	}

	if (error instanceof ProtocolError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return error.code === 'bad-params' ? exitCodes.usage : exitCodes.failed;
	}

	if (error instanceof DatabaseError || error instanceof NoProjectError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return 1;
	}

	if (error instanceof Error && damagedDatabase.test(error.message)) {
		// SQLite found the file damaged past its header (a disk fault, a copy made mid-write): no stack, what to do.
		const file = paths === undefined ? 'data/sage.db' : shownPath(paths.dbFile);
		process.stderr.write(`sage-console: the history database is damaged (${error.message}). Restore the latest copy from data/backup/ (the backup_db job's) to ${file}, or move ${file} aside to start with an empty history; \`sqlite3 ${file} .recover\` saves what it can\n`);
		return 1;
	}

	process.stderr.write(`sage-console: unexpected error: ${readableErrorText(error)}\n`);
	return 1;
}
