import {closeSync, mkdirSync, openSync, readdirSync} from 'node:fs';
import {fileErrorText} from '../log/file-error-text.js';
import type {RunLogNames} from '../scheduler/ports.js';
import {runLogDay, runLogPath} from '../scheduler/run-log-name.js';

/** Tries before giving up on a day whose numbers another process keeps taking. */
const maxTries = 1000;

/**
 * The run log files, `logs/jobs/<YYYYMMDD>_<NNN>.log`, NNN the run's number that day in the order
 * runs started. Each is created empty and exclusively when its run starts, so two processes (the
 * scheduler and a one-off `run`) never share one; the day's count starts after the numbers the history
 * recorded that day (`recorded`, asked once a day), so a name is not given again after `logs/` was
 * deleted, and after the files already there: the folder is listed only when a name is taken (a file
 * the history does not know), once a day. Listing it at each day's first run held the scheduler's
 * thread at midnight, when daily jobs fire: 0.4 s for the 260,000 logs of a month of a job every 10 s.
 * A folder that was deleted is made again; one that cannot be written fails the run with the path and
 * the cause, and the scheduler goes on.
 */
export class FileRunLogNames implements RunLogNames {
	private day = '';
	private last = 0;
	/** The folder was listed for `day`: a name taken now is another process's, taken meanwhile. */
	private listed = false;

	constructor(
		private readonly folder: string,
		private readonly timeZone: () => string,
		private readonly recorded: (day: string, at: number) => number = () => 0,
		/** Reads the folder's names (a seam for tests that count the listings). */
		private readonly listFolder: (folder: string) => string[] = folder => readdirSync(folder),
	) {}

	take(startedAt: number): string {
		const day = runLogDay(startedAt, this.timeZone());
		if (day !== this.day) {
			this.day = day;
			this.last = this.recorded(day, startedAt);
			this.listed = false;
		}

		for (let tries = 0; tries < maxTries; tries++) {
			const file = runLogPath(this.folder, day, ++this.last);
			try {
				closeSync(openSync(file, 'wx', 0o640));
				return file;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'ENOENT') {
					// The folder is not there (first run, or logs/ deleted): made once, then the same number again.
					this.last--;
					this.makeFolder(file, error);
					continue;
				}

				if (code !== 'EEXIST') {
					throw new Error(`cannot create ${file}: ${fileErrorText(error)}`, {cause: error});
				}

				if (!this.listed) {
					this.listed = true;
					this.last = Math.max(this.last, this.highestOf(day));
				}
			}
		}

		throw new Error(`cannot find a free run log name for ${day} in ${this.folder}`);
	}

	private makeFolder(file: string, why: unknown): void {
		try {
			mkdirSync(this.folder, {recursive: true, mode: 0o750});
		} catch (error) {
			throw new Error(`cannot create ${file}: ${fileErrorText(error)}`, {cause: why});
		}
	}

	private highestOf(day: string): number {
		let highest = 0;
		const pattern = new RegExp(`^${day}_(\\d+)\\.log$`);
		try {
			for (const name of this.listFolder(this.folder)) {
				const match = pattern.exec(name);
				if (match) {
					highest = Math.max(highest, Number(match[1]));
				}
			}
		} catch {
			// No folder yet: the day starts at 1.
		}

		return highest;
	}
}
