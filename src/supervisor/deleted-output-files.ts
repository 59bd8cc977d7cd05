/**
 * A service's output file deleted while it runs (by hand, or by a cleaning job's `find logs -delete`):
 * the process writes on into the deleted file through the descriptor it was started with, which takes
 * disk space nobody sees, which rotation (by the file's path) cannot bound, and which `logs` cannot
 * read. Only a restart gives it a new file. Seen by where its main process's stdout and stderr point
 * (`/proc/PID/fd/1` reads `PATH (deleted)`), and said once a process and file.
 */
import {readlinkSync} from 'node:fs';

const deletedSuffix = ' (deleted)';

export class DeletedOutputFiles {
	/** `pid file` pairs already said. */
	private readonly said = new Set<string>();

	/** The files of `{out, err}` that process `pid` writes through descriptors 1 and 2 although they were deleted, each named once. */
	newlyDeleted(pid: number, files: {out: string; err: string}): string[] {
		const deleted: string[] = [];
		for (const [descriptor, file] of [[1, files.out], [2, files.err]] as const) {
			const key = `${pid} ${file}`;
			if (!this.said.has(key) && pointsToDeleted(pid, descriptor, file)) {
				this.said.add(key);
				deleted.push(file);
			}
		}

		return deleted;
	}

	/** Forgets what was said of processes no longer live. */
	keepOnly(livePids: ReadonlySet<number>): void {
		for (const key of this.said) {
			if (!livePids.has(Number(key.slice(0, key.indexOf(' '))))) {
				this.said.delete(key);
			}
		}
	}
}

function pointsToDeleted(pid: number, descriptor: number, file: string): boolean {
	try {
		return readlinkSync(`/proc/${pid}/fd/${descriptor}`) === `${file}${deletedSuffix}`;
	} catch {
		// Gone meanwhile, or not ours to look at.
		return false;
	}
}
