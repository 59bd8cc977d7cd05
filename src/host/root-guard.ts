/**
 * The files a running scheduler depends on, checked every few seconds: the history database (deleted
 * from under it: restored from the open copy; replaced: said loudly), the instance lock (deleted: written
 * again; taken by another process: said loudly), the socket (deleted: listened on again), the
 * console's log file (deleted with logs/, or its disk full or read-only: made again when it can be) and
 * the last good job list (deleted: written again).
 * Every fault is logged and shown as a notice until it is mended.
 */
import {existsSync, statSync} from 'node:fs';
import {fileErrorText} from '../log/file-error-text.js';
import type {LineFile} from '../log/line-file.js';
import type {InstanceLock} from './instance-lock.js';
import {lockHolder} from './instance-lock.js';

export type GuardedRoot = {
	dbFile: string;
	socketFile: string;
	/** The inode of the database file the scheduler has open. */
	dbInode(): number | undefined;
	/** Writes the open database back to its path and goes on with that file. */
	restoreDatabase(): Promise<void>;
	lock?: InstanceLock;
	/** Listens on the socket again. */
	relisten?(): Promise<void>;
	logFile?: LineFile;
	/** The last good job list (data/sage.last-good-jobs.yaml), written again when deleted; says whether it was. */
	lastGoodJobs?: {file: string; writeAgainIfGone(): Promise<boolean>};
	say(level: 'info' | 'warn' | 'error', message: string): void;
	setNotice(key: string, text: string | undefined): void;
};

const everyMs = 5000;

function inodeOf(file: string): number | undefined {
	try {
		return statSync(file).ino;
	} catch {
		return undefined;
	}
}

export class RootGuard {
	private timer: NodeJS.Timeout | undefined;
	/** The round under way: a check asked meanwhile (a beacon's caller) waits for it, not past it. */
	private checking: Promise<void> | undefined;
	private reported = new Set<string>();

	constructor(private readonly root: GuardedRoot) {}

	start(): void {
		this.timer = setInterval(() => void this.check(), everyMs);
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/**
	 * One round of checks (also run by tests). Asked while a round is under way (the beacon called while
	 * the timer's round restores a deleted database), it settles when that round has mended the files: a
	 * caller let go earlier would find no socket yet and say no scheduler runs.
	 */
	async check(): Promise<void> {
		this.checking ??= this.checkAll().finally(() => {
			this.checking = undefined;
		});
		return this.checking;
	}

	private async checkAll(): Promise<void> {
		await this.checkDatabase();
		this.checkLock();
		await this.checkSocket();
		this.checkLogFile();
		await this.checkLastGoodJobs();
	}

	private async checkDatabase(): Promise<void> {
		const {dbFile} = this.root;
		const onDisk = inodeOf(dbFile);
		if (onDisk === this.root.dbInode()) {
			this.clear('database');
			return;
		}

		if (onDisk !== undefined) {
			this.report('database', 'error', `${dbFile} was replaced while the scheduler ran; it keeps writing to the file it opened: restart it to use the new one`);
			return;
		}

		this.report('database', 'error', `${dbFile} was deleted while the scheduler ran; restoring it from the open database`);
		try {
			await this.root.restoreDatabase();
			this.root.say('warn', `${dbFile} restored from the open database; history goes on there`);
			this.clear('database');
		} catch (error) {
			this.root.setNotice('database', `${dbFile} is gone and could not be restored (${(error as Error).message}): history is not being kept`);
		}
	}

	private checkLock(): void {
		const {lock} = this.root;
		if (!lock || lock.stillHeld()) {
			this.clear('lock');
			return;
		}

		const holder = lockHolder(lock.file);
		if (holder !== undefined && holder !== process.pid) {
			this.report('lock', 'error', `another sage-console (pid ${holder}) took the scheduler lock ${lock.file}: two schedulers may now run on this database; stop one of them`);
			return;
		}

		try {
			lock.restore();
			this.root.say('warn', `the scheduler lock ${lock.file} was deleted; written again`);
		} catch (error) {
			this.report('lock', 'error', `the scheduler lock ${lock.file} is gone and cannot be written again: ${(error as Error).message}`);
		}
	}

	private async checkSocket(): Promise<void> {
		if (!this.root.relisten || existsSync(this.root.socketFile)) {
			return;
		}

		try {
			await this.root.relisten();
			this.root.say('warn', `the socket ${this.root.socketFile} was deleted; clients can reach the scheduler again`);
			this.clear('socket');
		} catch (error) {
			this.report('socket', 'error', `the socket ${this.root.socketFile} was deleted and cannot be made again (${(error as Error).message}): other processes cannot reach this scheduler`);
		}
	}

	private checkLogFile(): void {
		const file = this.root.logFile;
		const change = file?.reopenIfGone();
		if (file?.problem) {
			this.report('log-file', 'error', `${file.problem}: the console's log is not being kept`);
		} else if (change) {
			this.root.say('warn', change);
			this.clear('log-file');
		}
	}

	private async checkLastGoodJobs(): Promise<void> {
		const kept = this.root.lastGoodJobs;
		try {
			if (await kept?.writeAgainIfGone()) {
				this.root.say('warn', `the last good job list ${kept!.file} was deleted; written again`);
				this.clear('last-good-jobs');
			}
		} catch (error) {
			this.report('last-good-jobs', 'warn', `the last good job list ${kept!.file} was deleted and cannot be written again (${fileErrorText(error)}): a start with a broken jobs.yaml would have none`);
		}
	}

	private report(key: string, level: 'warn' | 'error', message: string): void {
		if (!this.reported.has(key)) {
			this.reported.add(key);
			this.root.say(level, message);
		}

		this.root.setNotice(key, message);
	}

	private clear(key: string): void {
		if (this.reported.delete(key)) {
			this.root.setNotice(key, undefined);
		}
	}
}
