/**
 * The files a worker's runs write their logs to while they go, `logs/worker/<queue job id>.log`,
 * reused instead of made and removed for every run: a run's file is a spare renamed to the run's
 * name, and once everything in it was sent it is emptied and renamed back to a spare
 * (`.spare-<host>-<pid>-<n>.log`). Making a file is the dear part on ext4: the inode it takes is
 * looked for past every inode freed in the last minutes, so a worker that made and removed one file
 * per run made each creation on that disk (its own, and a console's run logs there) cost up to a
 * millisecond of CPU. Renaming and emptying touch no inode. Spares of this worker go when it stops;
 * those of a worker of this host that died are removed when the next one starts.
 */
import {readdirSync, renameSync, rmSync, truncateSync} from 'node:fs';
import path from 'node:path';

export class WorkerLogFiles {
	private readonly spares: string[] = [];
	private readonly prefix: string;
	private made = 0;

	/**
	 * @param tag `host-pid` of this worker (file names of its own, whoever shares the folder)
	 * @param keep Spares kept at most (the runs this worker carries at once); more are removed.
	 */
	constructor(private readonly dir: string, private readonly tag: string, private keep: number) {
		this.prefix = `.spare-${tag}-`;
	}

	/** Keeps `count` spares more (the worker carries that many more runs at once: a queue it came to serve). */
	keepMore(count: number): void {
		this.keep += count;
	}

	/** Removes spares of this host's workers that are no longer running. */
	static removeDeadSpares(dir: string, host: string, isAlive: (pid: number) => boolean): void {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch {
			return;
		}

		const pattern = new RegExp(`^\\.spare-${escaped(host)}-(\\d+)-\\d+\\.log$`);
		for (const name of names) {
			const pid = pattern.exec(name)?.[1];
			if (pid !== undefined && !isAlive(Number(pid))) {
				rmSync(path.join(dir, name), {force: true});
			}
		}
	}

	/** The log file of run `id`: an empty spare under the run's name, or a name for the executor to create. */
	take(id: string): string {
		// The id is the queue job's, as Redis has it: one with a `/` (`../../x`) would put the log, truncated
		// and renamed at the run's end, outside the folder. The console's ids are [a-z0-9_.-].
		const file = path.join(this.dir, `${id.replaceAll(/[^\w.-]/g, '_').replace(/^\./, '_')}.log`);
		for (let spare = this.spares.pop(); spare !== undefined; spare = this.spares.pop()) {
			try {
				renameSync(spare, file);
				return file;
			} catch {
				// Gone (someone cleaned the folder): the next one, or a new file.
			}
		}

		return file;
	}

	/** The run is over and its log was sent: the file is emptied and kept for a later run (or removed). */
	giveBack(file: string): void {
		if (this.spares.length < this.keep) {
			const spare = path.join(this.dir, `${this.prefix}${this.made++}.log`);
			try {
				truncateSync(file, 0);
				renameSync(file, spare);
				this.spares.push(spare);
				return;
			} catch {
				// Not there any more, or the folder cannot be written: removed as before, if it can be.
			}
		}

		rmSync(file, {force: true});
	}

	/** Removes the spares (the worker stops). */
	close(): void {
		for (const spare of this.spares.splice(0)) {
			rmSync(spare, {force: true});
		}
	}
}

function escaped(text: string): string {
	return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);
}
