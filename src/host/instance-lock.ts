import {closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import {fileErrorText} from '../log/file-error-text.js';
import {DatabaseError} from '../store/database-error.js';
import {isSameProcess, processStartTicks} from './proc-stat.js';

export class SchedulerRunningError extends Error {
	override name = 'SchedulerRunningError';

	/** `holderPid` undefined: found by its socket answering, its lock file gone (deleted by hand). */
	constructor(readonly holderPid: number | undefined, lockFile: string, message?: string) {
		super(message ?? `another sage-console${holderPid === undefined ? '' : ` (pid ${holderPid})`} is already scheduling here (${holderPid === undefined ? `it answers on its socket, though its lock ${lockFile} was gone` : `lock ${lockFile}`}); attach to it with \`sage-console\`, or stop it first`);
	}
}

type Holder = {pid: number; startTicks?: number; host: string; since: number};

function readHolder(file: string): Holder | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Holder;
	} catch {
		return undefined;
	}
}

/**
 * Writes the holder to `file`, the one `lockFile` is taken from. A disk that refuses it (full, read-only)
 * leaves no half-written file behind and says which file and why.
 * @throws DatabaseError
 */
function writeHolder(lockFile: string, file: string, holder: Holder): void {
	try {
		const fd = openSync(file, 'w', 0o600);
		try {
			writeSync(fd, `${JSON.stringify(holder)}\n`);
		} finally {
			closeSync(fd);
		}
	} catch (error) {
		try {
			rmSync(file, {force: true});
		} catch {
			// Never made (a read-only folder).
		}

		throw new DatabaseError(`cannot write the scheduler lock ${lockFile}: ${fileErrorText(error)}`, {cause: error});
	}
}

/**
 * One scheduling process per database, held as a file beside it (`data/sage.lock`) naming the holder
 * by pid and process start time, not in the database: deleting or locking the database cannot admit a
 * second scheduler. A holder that no longer runs (killed with -9) is taken over; a pid reused by
 * another process does not count as the holder.
 */
export class InstanceLock {
	private held = false;

	constructor(readonly file: string) {}

	/** @throws SchedulerRunningError when a live process holds it; DatabaseError when its file cannot be written */
	acquire(): void {
		const me: Holder = {pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), since: Date.now()};
		const temporary = `${this.file}.${process.pid}.tmp`;
		writeHolder(this.file, temporary, me);
		try {
			for (let attempt = 0; attempt < 3; attempt++) {
				try {
					// link() fails if the lock exists: taking it is atomic.
					linkSync(temporary, this.file);
					this.held = true;
					return;
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
						throw error;
					}
				}

				const holder = readHolder(this.file);
				if (holder && holder.pid !== process.pid && holder.host === me.host && isSameProcess(holder.pid, holder.startTicks)) {
					throw new SchedulerRunningError(holder.pid, this.file);
				}

				// Stale (its process is gone) or unreadable: replace it in one step.
				renameSync(temporary, this.file);
				if (readHolder(this.file)?.pid === process.pid) {
					this.held = true;
					return;
				}
			}

			throw new Error(`could not take the scheduler lock ${this.file}`);
		} finally {
			try {
				unlinkSync(temporary);
			} catch {
				// Renamed into place.
			}
		}
	}

	/** Whether the file still names this process (false once deleted or taken over). */
	stillHeld(): boolean {
		return this.held && readHolder(this.file)?.pid === process.pid;
	}

	/** Writes the lock again after it was deleted from under a running scheduler. */
	restore(): void {
		this.held = false;
		this.acquire();
	}

	release(): void {
		if (this.stillHeld()) {
			try {
				unlinkSync(this.file);
			} catch {
				// Gone already.
			}
		}

		this.held = false;
	}
}

/** Who holds the lock, if a live process does (for `status` when no socket answers). */
export function lockHolder(file: string): number | undefined {
	const holder = readHolder(file);
	return holder && isSameProcess(holder.pid, holder.startTicks) ? holder.pid : undefined;
}

/**
 * Frees the lock if it names this process: its scheduler thread ended without closing (it crashed),
 * so no scheduler runs here, and another (systemd's `--headless`, another console's `S`) may take the root.
 * @returns whether it named this process and is now gone
 */
export function releaseLockOfThisProcess(file: string): boolean {
	if (readHolder(file)?.pid !== process.pid) {
		return false;
	}

	try {
		unlinkSync(file);
		return true;
	} catch {
		return false;
	}
}
