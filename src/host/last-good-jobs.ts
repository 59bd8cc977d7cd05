import {existsSync, readFileSync, statSync} from 'node:fs';
import {open, readdir, rename, rm, utimes} from 'node:fs/promises';
import path from 'node:path';
import type {AppPaths} from './paths.js';

/** The text of jobs.yaml a scheduler of this root last applied, and when it was kept. */
export type LastGoodJobs = {text: string; at: number};

/** The notice's key while a scheduler started with a broken jobs.yaml goes on with the last good list. */
export const lastGoodNoticeKey = 'jobs-config-last-good';

/** Beside the database, as its lock is (one scheduler per database): `data/sage.last-good-jobs.yaml`. */
export function lastGoodJobsFile(paths: Pick<AppPaths, 'dbFile'>): string {
	return path.join(path.dirname(paths.dbFile), `${path.basename(paths.dbFile, path.extname(paths.dbFile))}.last-good-jobs.yaml`);
}

/** The last good job list kept for this root (its time: when the file was written); undefined when none was ever kept. */
export function readLastGoodJobs(file: string): LastGoodJobs | undefined {
	try {
		return {text: readFileSync(file, 'utf8'), at: statSync(file).mtimeMs};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

/** The temp file a write of `file` goes through, named by the writing process. */
const tempFileOf = (file: string, pid: number) => path.join(path.dirname(file), `.${path.basename(file)}.${pid}.tmp`);

/** Removes temp files a scheduler killed mid-write left beside `file` (only one scheduler writes it: the lock's holder). */
async function removeLeftTempFiles(file: string): Promise<void> {
	const prefix = `.${path.basename(file)}.`;
	const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
	await Promise.all(names
		.filter(name => name.startsWith(prefix) && name.endsWith('.tmp') && name !== path.basename(tempFileOf(file, process.pid)))
		.map(async name => rm(path.join(path.dirname(file), name), {force: true}).catch(() => undefined)));
}

/** Writes `text` over `file` off the event loop: a synced temp file beside it, renamed, so a crash leaves the old text or the new. */
async function writeDurably(file: string, text: string): Promise<void> {
	const temp = tempFileOf(file, process.pid);
	try {
		const handle = await open(temp, 'w', 0o600);
		try {
			await handle.writeFile(text);
			await handle.sync();
		} finally {
			await handle.close();
		}

		await rename(temp, file);
	} catch (error) {
		// A full disk mid-write: no half-written temp file is left beside the kept one.
		await rm(temp, {force: true}).catch(() => undefined);
		throw error;
	}
}

/**
 * Keeps each text of jobs.yaml a scheduler applies as the last good job list. The write is
 * asynchronous (a big file never holds up a fire) and one at a time; a text the same as the one kept
 * is not written again, so the list keeps the time it was first applied.
 */
export class GoodJobsKeeper {
	/** The text kept, or being written; undefined until known. */
	private kept: string | undefined;
	/** When the kept text was first kept (the file's time), for writing it again after a deletion. */
	private keptAt: number | undefined;
	private writing: Promise<void>;

	/** @param failed told when a write fails (a full disk, data/ read-only): the list kept before stays */
	constructor(private readonly file: string, private readonly failed: (error: Error) => void) {
		this.writing = removeLeftTempFiles(file);
	}

	remember(text: string): void {
		if (this.kept === undefined) {
			try {
				({text: this.kept, at: this.keptAt} = readLastGoodJobs(this.file) ?? {});
			} catch {
				// Unreadable: written over below.
			}
		}

		if (this.kept === text) {
			return;
		}

		this.kept = text;
		this.keptAt = undefined;
		this.writing = this.writing.then(async () => {
			await writeDurably(this.file, text);
			this.keptAt = statSync(this.file).mtimeMs;
		}).catch((error: unknown) => {
			this.kept = undefined;
			this.failed(error as Error);
		});
	}

	/**
	 * The list a start with a broken jobs.yaml goes on with (read from the file, not written): it is the
	 * one kept, written again should its file be deleted, until a good jobs.yaml is applied.
	 */
	runsOn(list: LastGoodJobs): void {
		this.kept ??= list.text;
		this.keptAt ??= list.at;
	}

	/**
	 * Writes the kept text again, with the time it was first kept, when its file was deleted from under
	 * the scheduler (`git clean -xfd`, `rm -rf data`): a start with a broken jobs.yaml would have none.
	 * @returns whether it was gone and is written again
	 * @throws the write's error (a full disk), for the caller to say once
	 */
	async writeAgainIfGone(): Promise<boolean> {
		await this.writing;
		const {kept, keptAt} = this;
		if (kept === undefined || existsSync(this.file)) {
			return false;
		}

		await writeDurably(this.file, kept);
		if (keptAt !== undefined) {
			await utimes(this.file, keptAt / 1000, keptAt / 1000);
		}

		return true;
	}
}
