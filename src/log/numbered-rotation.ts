import {renameSync, rmSync} from 'node:fs';

/**
 * Moves `file` aside as `file.1`, after `.1` → `.2` … `.keep-1` → `.keep` (the oldest, `.keep`, is
 * removed): logrotate's numbered scheme, newest first. Renames only, so it costs microseconds and the
 * writer opens `file` anew afterwards; a writer of another process still holding the old file goes on
 * writing into `file.1` until it notices (`LineFile` compares inodes). With `keep` 0 the file is removed.
 * @throws the file system's error (the caller keeps writing where it was)
 */
export function rotateNumbered(file: string, keep: number): void {
	rmSync(keep > 0 ? `${file}.${keep}` : file, {force: true});
	for (let index = keep - 1; index >= 1; index--) {
		renameIfThere(`${file}.${index}`, `${file}.${index + 1}`);
	}

	if (keep > 0) {
		renameSync(file, `${file}.1`);
	}
}

function renameIfThere(from: string, to: string): void {
	try {
		renameSync(from, to);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}
	}
}
